import type {
  PlatformResource,
  ProvisioningAttempt,
} from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatAge } from '../../utils/format';
import { StatusChip } from '../StatusChip';
import { provisioningText, resourceKey } from './provisioningTime';

/** One row per platform resource; the name opens the details. */
export function ResourcesTable(props: {
  resources: PlatformResource[];
  attempts: Map<string, ProvisioningAttempt>;
  now: number;
  onSelect: (resource: PlatformResource) => void;
}) {
  const { resources, attempts, now, onSelect } = props;
  const sorted = [...resources].sort(
    (a, b) =>
      a.ref.kind.localeCompare(b.ref.kind) ||
      a.ref.name.localeCompare(b.ref.name) ||
      a.ref.cluster.localeCompare(b.ref.cluster),
  );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label="Platform resources"
        sx={{ '& th, & td': { whiteSpace: 'nowrap' } }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>Cluster</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Provisioning time</TableCell>
            <TableCell>Age</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map(resource => (
            <TableRow key={resourceKey(resource.ref)}>
              <TableCell component="th" scope="row">
                <Link
                  component="button"
                  variant="body2"
                  onClick={() => onSelect(resource)}
                  sx={{ textAlign: 'left' }}
                  aria-label={`${resource.ref.name}: show details`}
                >
                  {resource.ref.name}
                </Link>
              </TableCell>
              <TableCell>{resource.ref.kind}</TableCell>
              <TableCell>{resource.ref.cluster}</TableCell>
              <TableCell>
                <StatusChip status={resource.status} />
              </TableCell>
              <TableCell>
                {provisioningText(attempts.get(resourceKey(resource.ref)), now)}
              </TableCell>
              <TableCell>{formatAge(resource.createdAt, now)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
