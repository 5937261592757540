import type { ResourceEvent } from '@fractal/backstage-plugin-platform-common';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatAge } from '../../utils/format';

function lastSeen(event: ResourceEvent): string | undefined {
  return event.lastTimestamp ?? event.firstTimestamp;
}

/** Recent Kubernetes Events of a resource and its tree, newest first. */
export function ResourceEvents(props: {
  events: ResourceEvent[];
  now: number;
}) {
  const { now } = props;
  if (props.events.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No recent Events.
      </Typography>
    );
  }
  const events = [...props.events].sort((a, b) =>
    (lastSeen(b) ?? '').localeCompare(lastSeen(a) ?? ''),
  );
  return (
    <Table size="small" aria-label="Recent Events">
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Object</TableCell>
          <TableCell>Message</TableCell>
          <TableCell align="right">Count</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event, index) => (
          <TableRow key={index}>
            <TableCell>
              <Chip
                size="small"
                label={event.type}
                color={event.type === 'Warning' ? 'warning' : 'default'}
                variant="outlined"
              />
            </TableCell>
            <TableCell>{event.reason}</TableCell>
            <TableCell>
              {event.involvedObject.kind} {event.involvedObject.name}
            </TableCell>
            <TableCell>{event.message}</TableCell>
            <TableCell align="right">{event.count}</TableCell>
            <TableCell>{`${formatAge(lastSeen(event), now)} ago`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
