import { useTheme } from '@mui/material/styles';
import {
  SeriesValue,
  isolatedPoints,
  linePath,
  maxOf,
  scaleX,
  scaleY,
} from './geometry';

/**
 * A tiny line chart without axes, for trends inside cards. It is an image
 * whose accessible name is `label` (say what the trend shows in words).
 */
export function Sparkline(props: {
  values: SeriesValue[];
  label: string;
  width?: number;
  height?: number;
}) {
  const { values, label, width = 120, height = 32 } = props;
  const theme = useTheme();
  const max = maxOf(values);
  const box = { left: 2, right: width - 2, top: 2, bottom: height - 2 };
  const path = linePath(values, box, max);
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <line
        x1={0}
        x2={width}
        y1={height - 1}
        y2={height - 1}
        stroke={theme.palette.divider}
      />
      {path && (
        <path
          d={path}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      )}
      {isolatedPoints(values).map(index => (
        <circle
          key={index}
          cx={scaleX(index, values.length, box.left, box.right)}
          cy={scaleY(values[index] ?? 0, max, box.top, box.bottom)}
          r={1.5}
          fill={theme.palette.primary.main}
        />
      ))}
    </svg>
  );
}
