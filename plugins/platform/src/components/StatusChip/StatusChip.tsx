import type {
  ResourceState,
  ResourceStatus,
} from '@fractal/backstage-plugin-platform-common';
import Chip, { ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';

const COLORS: Record<ResourceState, ChipProps['color']> = {
  Ready: 'success',
  InProgress: 'info',
  Failed: 'error',
  Terminating: 'warning',
  Unknown: 'default',
};

const LABELS: Record<ResourceState, string> = {
  Ready: 'Ready',
  InProgress: 'In progress',
  Failed: 'Failed',
  Terminating: 'Terminating',
  Unknown: 'Unknown',
};

/** The human label of a resource state. */
export function stateLabel(state: ResourceState): string {
  return LABELS[state] ?? state;
}

/** The reason and message of a status as one sentence, if any. */
export function statusDetail(status: ResourceStatus): string | undefined {
  const parts = [status.reason, status.message].filter(Boolean);
  return parts.length ? parts.join(': ') : undefined;
}

/**
 * A resource's state as a coloured chip; its reason and message show in a
 * tooltip on hover and keyboard focus, and are the chip's accessible
 * description.
 *
 * @public
 */
export function StatusChip(props: {
  status: ResourceStatus;
  size?: 'small' | 'medium';
}) {
  const { status, size = 'small' } = props;
  const detail = statusDetail(status);
  const chip = (
    <Chip
      label={stateLabel(status.state)}
      color={COLORS[status.state] ?? 'default'}
      size={size}
      variant={status.state === 'Unknown' ? 'outlined' : 'filled'}
      tabIndex={detail ? 0 : undefined}
    />
  );
  if (!detail) {
    return chip;
  }
  return (
    <Tooltip title={detail} describeChild arrow>
      {chip}
    </Tooltip>
  );
}
