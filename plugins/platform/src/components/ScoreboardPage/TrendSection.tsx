import type { Scoreboard } from '@fractal/backstage-plugin-platform-common';
import Typography from '@mui/material/Typography';
import { formatDay, formatDuration } from '../../utils/format';
import { LineChart } from '../charts';
import { niceDurationMax } from '../charts/geometry';

/** The one-sentence text alternative of the provisioning time trend. */
export function trendSummary(daily: NonNullable<Scoreboard['daily']>): string {
  const points = daily.filter(p => p.p50Ms !== undefined);
  if (points.length === 0) {
    return 'No resource became Ready in this window.';
  }
  const first = points[0];
  const last = points[points.length - 1];
  const fastest = points.reduce((min, p) =>
    (p.p50Ms ?? Infinity) < (min.p50Ms ?? Infinity) ? p : min,
  );
  return `Median provisioning time went from ${formatDuration(
    first.p50Ms,
  )} on ${formatDay(first.start)} to ${formatDuration(
    last.p50Ms,
  )} on ${formatDay(last.start)}; fastest day ${formatDay(
    fastest.start,
  )} (${formatDuration(fastest.p50Ms)}).`;
}

/** Daily median provisioning time across all teams. */
export function TrendSection(props: { scoreboard: Scoreboard }) {
  const { daily } = props.scoreboard;
  if (!daily || daily.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        The backend reports no daily trend for this window.
      </Typography>
    );
  }
  return (
    <LineChart
      title="Median provisioning time per day"
      summary={trendSummary(daily)}
      labels={daily.map(p => formatDay(p.start))}
      series={[{ name: 'p50', values: daily.map(p => p.p50Ms) }]}
      formatValue={formatDuration}
      axisMax={niceDurationMax}
    />
  );
}
