import { useTheme } from '@mui/material/styles';
import { ChartData, ChartFigure } from './ChartFigure';
import {
  SeriesValue,
  linePath,
  maxOf,
  niceMax,
  scaleX,
  scaleY,
} from './geometry';
import { seriesColor } from './palette';

const WIDTH = 640;
const HEIGHT = 220;
const BOX = { left: 72, right: WIDTH - 16, top: 12, bottom: HEIGHT - 28 };

/** Keeps the first and last x labels inside the drawing. */
function labelAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (index === 0) {
    return 'start';
  }
  return index === count - 1 ? 'end' : 'middle';
}

/** One line of a {@link LineChart}. */
export interface LineSeries {
  name: string;
  values: SeriesValue[];
}

/**
 * A line chart over labelled buckets (e.g. days), with a y axis in the
 * series' unit. Accessible as an image with a summary, plus a data table.
 */
export function LineChart(props: {
  title: string;
  summary: string;
  /** Bucket labels along the x axis, e.g. `Mar 4`. */
  labels: string[];
  series: LineSeries[];
  formatValue: (value: number | undefined) => string;
  /** Rounds the largest value up to the axis maximum (default: 1, 2, 5 × 10ⁿ). */
  axisMax?: (max: number) => number;
}) {
  const { title, summary, labels, series, formatValue } = props;
  const axisMax = props.axisMax ?? niceMax;
  const theme = useTheme();
  const max = axisMax(Math.max(0, ...series.map(s => maxOf(s.values))));
  const data: ChartData = {
    columns: ['Period', ...series.map(s => s.name)],
    rows: labels.map((label, i) => [
      label,
      ...series.map(s => formatValue(s.values[i])),
    ]),
  };
  const ticks = [0, max / 2, max];
  const xLabels =
    labels.length > 1
      ? [0, Math.floor((labels.length - 1) / 2), labels.length - 1]
      : [0];
  const text = theme.palette.text.secondary;
  return (
    <ChartFigure title={title} summary={summary} data={data}>
      {({ titleId, summaryId }) => (
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={summaryId}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          style={{ maxHeight: HEIGHT, display: 'block' }}
        >
          {ticks.map(tick => {
            const y = scaleY(tick, max, BOX.top, BOX.bottom);
            return (
              <g key={tick}>
                <line
                  x1={BOX.left}
                  x2={BOX.right}
                  y1={y}
                  y2={y}
                  stroke={theme.palette.divider}
                />
                <text
                  x={BOX.left - 6}
                  y={y + 4}
                  textAnchor="end"
                  fontSize={11}
                  fill={text}
                >
                  {tick === 0 ? '0' : formatValue(tick)}
                </text>
              </g>
            );
          })}
          {labels.length > 0 &&
            [...new Set(xLabels)].map(index => (
              <text
                key={index}
                x={scaleX(index, labels.length, BOX.left, BOX.right)}
                y={HEIGHT - 8}
                textAnchor={labelAnchor(index, labels.length)}
                fontSize={11}
                fill={text}
              >
                {labels[index]}
              </text>
            ))}
          {series.map((s, i) => (
            <path
              key={s.name}
              d={linePath(s.values, BOX, max)}
              fill="none"
              stroke={seriesColor(i)}
              strokeWidth={2}
              strokeLinejoin="round"
            />
          ))}
          {series.map((s, i) =>
            s.values.map((value, index) =>
              value === undefined ? null : (
                <circle
                  key={`${s.name}-${index}`}
                  cx={scaleX(index, s.values.length, BOX.left, BOX.right)}
                  cy={scaleY(value, max, BOX.top, BOX.bottom)}
                  r={2.5}
                  fill={seriesColor(i)}
                >
                  <title>{`${labels[index]}: ${formatValue(value)}`}</title>
                </circle>
              ),
            ),
          )}
        </svg>
      )}
    </ChartFigure>
  );
}
