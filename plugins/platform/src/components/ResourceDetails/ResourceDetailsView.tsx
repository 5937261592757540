import type { ResourceDetails } from '@fractal/backstage-plugin-platform-common';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import { formatDuration, formatTimestamp } from '../../utils/format';
import { StatusChip } from '../StatusChip';
import { ResourceEvents } from './ResourceEvents';
import { ResourceTree } from './ResourceTree';

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 3 }} aria-label={props.title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function Facts(props: { facts: Array<[string, ReactNode]> }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
        '& dt': { color: 'text.secondary' },
        '& dd': { m: 0 },
      }}
    >
      {props.facts.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2">
            {term}
          </Typography>
          <Typography component="dd" variant="body2">
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/**
 * Everything about one platform resource: its status, conditions, the
 * claim -> composite -> managed tree, recent Events and provisioning history.
 *
 * @public
 */
export function ResourceDetailsView(props: {
  details: ResourceDetails;
  now: number;
}) {
  const { details, now } = props;
  const { resource } = details;
  const attempts = [...details.attempts].sort(
    (a, b) =>
      b.generation - a.generation || b.startedAt.localeCompare(a.startedAt),
  );
  return (
    <Box>
      <Facts
        facts={[
          ['Status', <StatusChip key="status" status={resource.status} />],
          ['Kind', resource.ref.kind],
          ['Name', resource.ref.name],
          ['Namespace', resource.ref.namespace ?? '—'],
          ['Cluster', resource.ref.cluster],
          ['Tenant', resource.tenant ?? '—'],
          ['Environment', resource.environment ?? '—'],
          ['Created', formatTimestamp(resource.createdAt)],
          [
            'Created through',
            resource.createdViaPortal ? 'the portal' : 'out of band',
          ],
          ['Requested by', resource.requestedBy ?? '—'],
        ]}
      />
      <Section title="Conditions">
        {resource.conditions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            The resource reports no conditions yet.
          </Typography>
        ) : (
          <Table size="small" aria-label="Conditions">
            <TableHead>
              <TableRow>
                <TableCell>Type</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Message</TableCell>
                <TableCell>Since</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {resource.conditions.map(condition => (
                <TableRow key={condition.type}>
                  <TableCell component="th" scope="row">
                    {condition.type}
                  </TableCell>
                  <TableCell>{condition.status}</TableCell>
                  <TableCell>{condition.reason ?? '—'}</TableCell>
                  <TableCell>{condition.message ?? '—'}</TableCell>
                  <TableCell>
                    {formatTimestamp(condition.lastTransitionTime)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
      <Section title="Resource tree">
        <ResourceTree tree={details.tree} />
      </Section>
      <Section title="Recent Events">
        <ResourceEvents events={details.events} now={now} />
      </Section>
      <Section title="Provisioning history">
        {attempts.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            No provisioning attempts recorded.
          </Typography>
        ) : (
          <Table size="small" aria-label="Provisioning history">
            <TableHead>
              <TableRow>
                <TableCell>Generation</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Outcome</TableCell>
                <TableCell>Time to Ready</TableCell>
                <TableCell>Failure</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {attempts.map(attempt => (
                <TableRow key={`${attempt.generation}-${attempt.startedAt}`}>
                  <TableCell component="th" scope="row">
                    {attempt.generation}
                  </TableCell>
                  <TableCell>{formatTimestamp(attempt.startedAt)}</TableCell>
                  <TableCell>{attempt.outcome}</TableCell>
                  <TableCell>
                    {attempt.estimated && attempt.durationMs !== undefined
                      ? '~'
                      : ''}
                    {formatDuration(attempt.durationMs)}
                  </TableCell>
                  <TableCell>
                    {[attempt.failureReason, attempt.failureMessage]
                      .filter(Boolean)
                      .join(': ') || '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </Box>
  );
}
