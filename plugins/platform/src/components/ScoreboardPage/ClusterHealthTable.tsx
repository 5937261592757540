import type { ClusterHealth } from '@fractal/backstage-plugin-platform-common';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatAge, formatNumber, formatTimestamp } from '../../utils/format';

function YesNo(props: { value: boolean; yes: string; no: string }) {
  return (
    <Chip
      size="small"
      label={props.value ? props.yes : props.no}
      color={props.value ? 'success' : 'error'}
      variant="outlined"
    />
  );
}

/** Connection and informer sync state of every cluster. */
export function ClusterHealthTable(props: {
  clusters: ClusterHealth[];
  now: number;
}) {
  const { clusters, now } = props;
  if (clusters.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No clusters are configured.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Cluster health">
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Environment</TableCell>
          <TableCell>Connection</TableCell>
          <TableCell>Informers</TableCell>
          <TableCell>Last event</TableCell>
          <TableCell align="right">Kinds</TableCell>
          <TableCell align="right">Objects</TableCell>
          <TableCell>Last error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {clusters.map(cluster => (
          <TableRow key={cluster.name}>
            <TableCell component="th" scope="row">
              {cluster.name}
            </TableCell>
            <TableCell>{cluster.environment ?? '—'}</TableCell>
            <TableCell>
              <YesNo
                value={cluster.connected}
                yes="Connected"
                no="Disconnected"
              />
            </TableCell>
            <TableCell>
              <YesNo value={cluster.synced} yes="Synced" no="Not synced" />
            </TableCell>
            <TableCell>
              {cluster.lastEventAt
                ? `${formatAge(cluster.lastEventAt, now)} ago`
                : '—'}
            </TableCell>
            <TableCell align="right">{formatNumber(cluster.kinds)}</TableCell>
            <TableCell align="right">{formatNumber(cluster.objects)}</TableCell>
            <TableCell>
              {cluster.lastError
                ? `${cluster.lastError.message} (${formatTimestamp(
                    cluster.lastError.at,
                  )})`
                : 'none'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
