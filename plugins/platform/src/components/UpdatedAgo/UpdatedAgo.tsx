import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useNow } from '../../hooks/useNow';
import { formatAge } from '../../utils/format';
import { RefreshIcon } from '../icons';

/** The human text for "updated … ago", e.g. `updated 12 s ago`. */
export function updatedAgoText(updatedAt: number | undefined, now: number) {
  if (updatedAt === undefined) {
    return 'not loaded yet';
  }
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 2) {
    return 'updated just now';
  }
  return `updated ${formatAge(new Date(updatedAt).toISOString(), now)} ago`;
}

/**
 * "Live · updated 12 s ago" (or "Refreshes every minute" without signals),
 * with a button to refresh now.
 */
export function UpdatedAgo(props: {
  updatedAt?: number;
  live: boolean;
  onRefresh?: () => void;
}) {
  const { updatedAt, live, onRefresh } = props;
  const now = useNow(1000);
  const mode = live ? 'Live' : 'Refreshes every minute';
  return (
    <Stack direction="row" alignItems="center" spacing={0.5}>
      <Typography variant="caption" color="text.secondary">
        {mode} · {updatedAgoText(updatedAt, now)}
      </Typography>
      {onRefresh && (
        <Tooltip title="Refresh now">
          <IconButton size="small" aria-label="Refresh now" onClick={onRefresh}>
            <RefreshIcon />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}
