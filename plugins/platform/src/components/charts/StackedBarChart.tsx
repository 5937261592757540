import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { ChartData, ChartFigure } from './ChartFigure';
import { stackSegments } from './geometry';
import { seriesColor } from './palette';

const WIDTH = 640;
const ROW = 26;
const LABEL = 120;
const VALUE = 48;

/** One bar of a {@link StackedBarChart}. */
export interface StackedBar {
  label: string;
  /** Values by series key; missing keys count as 0. */
  values: Record<string, number>;
}

/**
 * Horizontal stacked bars (one per row, e.g. per tenant), segments by series
 * (e.g. per kind), with a legend. Accessible as an image with a summary, plus
 * a data table.
 */
export function StackedBarChart(props: {
  title: string;
  summary: string;
  series: string[];
  bars: StackedBar[];
}) {
  const { title, summary, series, bars } = props;
  const theme = useTheme();
  const totals = bars.map(bar =>
    series.reduce((sum, key) => sum + (bar.values[key] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const plotWidth = WIDTH - LABEL - VALUE;
  const height = Math.max(ROW, bars.length * ROW);
  const data: ChartData = {
    columns: ['', ...series, 'Total'],
    rows: bars.map((bar, i) => [
      bar.label,
      ...series.map(key => String(bar.values[key] ?? 0)),
      String(totals[i]),
    ]),
  };
  return (
    <ChartFigure title={title} summary={summary} data={data}>
      {({ titleId, summaryId }) => (
        <>
          <svg
            role="img"
            aria-labelledby={titleId}
            aria-describedby={summaryId}
            viewBox={`0 0 ${WIDTH} ${height}`}
            width="100%"
            style={{ display: 'block' }}
          >
            {bars.map((bar, row) => {
              const y = row * ROW;
              const barWidth = (totals[row] / max) * plotWidth;
              const segments = stackSegments(
                series.map(key => bar.values[key] ?? 0),
                totals[row],
                barWidth,
              );
              return (
                <g key={bar.label}>
                  <text
                    x={LABEL - 8}
                    y={y + ROW / 2 + 4}
                    textAnchor="end"
                    fontSize={12}
                    fill={theme.palette.text.primary}
                  >
                    {bar.label}
                  </text>
                  {segments.map(([x, w], i) =>
                    w > 0 ? (
                      <rect
                        key={series[i]}
                        x={LABEL + x}
                        y={y + 4}
                        width={w}
                        height={ROW - 8}
                        fill={seriesColor(i)}
                      >
                        <title>{`${bar.label}, ${series[i]}: ${
                          bar.values[series[i]] ?? 0
                        }`}</title>
                      </rect>
                    ) : null,
                  )}
                  <text
                    x={LABEL + barWidth + 6}
                    y={y + ROW / 2 + 4}
                    fontSize={12}
                    fill={theme.palette.text.secondary}
                  >
                    {totals[row]}
                  </text>
                </g>
              );
            })}
          </svg>
          <Stack
            component="ul"
            direction="row"
            flexWrap="wrap"
            gap={2}
            aria-label={`${title} legend`}
            sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}
          >
            {series.map((key, i) => (
              <Stack
                component="li"
                key={key}
                direction="row"
                alignItems="center"
                gap={0.5}
              >
                <Box
                  aria-hidden
                  sx={{
                    width: 12,
                    height: 12,
                    borderRadius: 0.5,
                    bgcolor: seriesColor(i),
                  }}
                />
                <Typography variant="caption">{key}</Typography>
              </Stack>
            ))}
          </Stack>
        </>
      )}
    </ChartFigure>
  );
}
