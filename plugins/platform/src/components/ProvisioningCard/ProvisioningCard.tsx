import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { TenantMetrics } from '@fractal/backstage-plugin-platform-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { platformApiRef } from '../../apis';
import { useLiveQuery } from '../../hooks/useLiveQuery';
import {
  formatDay,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../utils/format';
import { windowFor } from '../../utils/window';
import { Sparkline } from '../charts';
import { UpdatedAgo } from '../UpdatedAgo';
import { StaleDataAlert } from '../StaleDataAlert';

const WINDOW_DAYS = 30;

function Figure(props: { label: string; value: string; warn?: boolean }) {
  return (
    <Box sx={{ minWidth: 96 }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {props.label}
      </Typography>
      <Typography
        component="dd"
        variant="h6"
        sx={{ m: 0 }}
        color={props.warn ? 'error.main' : undefined}
      >
        {props.value}
      </Typography>
    </Box>
  );
}

/** The one-sentence text alternative of the trend sparkline. */
export function trendLabel(metrics: TenantMetrics): string {
  const points = metrics.daily.filter(p => p.p50Ms !== undefined);
  if (points.length === 0) {
    return `No resource became Ready in the last ${WINDOW_DAYS} days.`;
  }
  const first = points[0];
  const last = points[points.length - 1];
  return `Daily median provisioning time, ${
    points.length
  } days with data: ${formatDuration(first.p50Ms)} on ${formatDay(
    first.start,
  )}, ${formatDuration(last.p50Ms)} on ${formatDay(last.start)}.`;
}

function MetricsView(props: { metrics: TenantMetrics }) {
  const { totals, instancesByKind, daily } = props.metrics;
  const kindsId = useId();
  const kinds = Object.entries(instancesByKind)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <Stack spacing={2}>
      <Stack
        component="dl"
        direction="row"
        flexWrap="wrap"
        gap={2}
        sx={{ m: 0 }}
      >
        <Figure label="Provisioning p50" value={formatDuration(totals.p50Ms)} />
        <Figure label="Provisioning p95" value={formatDuration(totals.p95Ms)} />
        <Figure
          label="Failure rate"
          value={formatPercent(totals.failureRate)}
          warn={totals.failureRate > 0.1}
        />
        <Figure label="In flight" value={formatNumber(totals.inFlight)} />
        <Figure
          label="Stuck"
          value={formatNumber(totals.stuck)}
          warn={totals.stuck > 0}
        />
      </Stack>
      <Box>
        <Typography variant="subtitle2" component="h3">
          Provisioning time trend
        </Typography>
        <Sparkline
          values={daily.map(p => p.p50Ms)}
          label={trendLabel(props.metrics)}
          width={240}
          height={40}
        />
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h3" id={kindsId}>
          Instances by kind
        </Typography>
        {kinds.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            The team has no platform resources yet.
          </Typography>
        ) : (
          <Box component="ul" aria-labelledby={kindsId} sx={{ m: 0, pl: 2 }}>
            {kinds.map(([kind, count]) => (
              <li key={kind}>
                <Typography variant="body2">
                  {kind}: {count}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Stack>
  );
}

/**
 * Provisioning of a tenant Group over the last 30 days: p50/p95, failure
 * rate, in flight, stuck, a trend sparkline and instances by kind.
 *
 * @public
 */
export function ProvisioningCard() {
  const { entity } = useEntity();
  const tenant = entity.metadata.name;
  const api = useApi(platformApiRef);
  const { value, error, loading, updatedAt, live, refresh } = useLiveQuery(
    () => api.getTenantMetrics(tenant, windowFor(WINDOW_DAYS, Date.now())),
    [api, tenant],
    { isRelevant: signal => signal.tenant === tenant },
  );
  let content;
  if (loading) {
    content = <Progress />;
  } else if (!value) {
    content = error ? <ResponseErrorPanel error={error} /> : null;
  } else {
    content = (
      <>
        <StaleDataAlert error={error} />
        {value.totals.attempts === 0 && (
          <Alert severity="info" sx={{ mb: 1 }}>
            Nothing was provisioned for {tenant} in the last {WINDOW_DAYS} days.
          </Alert>
        )}
        <MetricsView metrics={value} />
      </>
    );
  }
  return (
    <InfoCard
      title="Provisioning"
      subheader={
        loading ? (
          `Last ${WINDOW_DAYS} days`
        ) : (
          <Stack>
            <span>Last {WINDOW_DAYS} days</span>
            <UpdatedAgo updatedAt={updatedAt} live={live} onRefresh={refresh} />
          </Stack>
        )
      }
    >
      {content}
    </InfoCard>
  );
}
