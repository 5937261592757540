import type { AdoptionMetrics } from '@fractal/backstage-plugin-platform-common';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatPercent } from '../../utils/format';
import { StackedBarChart } from '../charts';

/** The kinds present in the adoption data, sorted. */
export function adoptedKinds(adoption: AdoptionMetrics): string[] {
  const kinds = new Set<string>(Object.keys(adoption.instancesByKind));
  adoption.byTenant.forEach(t =>
    Object.keys(t.instancesByKind).forEach(k => kinds.add(k)),
  );
  return [...kinds].sort();
}

/** Adoption per tenant: instances by kind, and via the portal vs out of band. */
export function AdoptionSection(props: { adoption: AdoptionMetrics }) {
  const { adoption } = props;
  const kinds = adoptedKinds(adoption);
  const tenants = [...adoption.byTenant].sort(
    (a, b) => b.instances - a.instances || a.tenant.localeCompare(b.tenant),
  );
  const total = tenants.reduce((sum, t) => sum + t.instances, 0);
  const largest = tenants[0];
  const notAdopting = tenants.filter(t => t.instances === 0).map(t => t.tenant);
  return (
    <Stack spacing={3}>
      <Typography variant="body1">
        {adoption.adoptingTenants} of {adoption.tenants} teams use the platform
        ({formatPercent(adoption.adoptionRate)});{' '}
        {formatPercent(adoption.portalShare)} of {total} resources were created
        through the portal.
        {notAdopting.length > 0 &&
          ` Not yet adopting: ${notAdopting.join(', ')}.`}
      </Typography>
      <StackedBarChart
        title="Platform resources per team, by kind"
        summary={
          largest && largest.instances > 0
            ? `${total} resources across ${adoption.adoptingTenants} teams; ${largest.tenant} has the most (${largest.instances}).`
            : 'No team has platform resources yet.'
        }
        series={kinds}
        bars={tenants.map(t => ({
          label: t.tenant,
          values: t.instancesByKind,
        }))}
      />
      <StackedBarChart
        title="Created through the portal vs out of band, per team"
        summary={`${formatPercent(
          adoption.portalShare,
        )} of all resources were created through the portal.`}
        series={['Via portal', 'Out of band']}
        bars={tenants.map(t => ({
          label: t.tenant,
          values: {
            'Via portal': t.viaPortal,
            'Out of band': t.instances - t.viaPortal,
          },
        }))}
      />
    </Stack>
  );
}
