/*
 * Pure geometry of the plugin's small SVG charts.
 */

/** A point of a series; `undefined` values leave a gap. */
export type SeriesValue = number | undefined;

/** Maps a value in [0, max] onto [bottom, top] (SVG y grows downwards). */
export function scaleY(
  value: number,
  max: number,
  top: number,
  bottom: number,
): number {
  if (max <= 0) {
    return bottom;
  }
  const ratio = Math.min(1, Math.max(0, value / max));
  return bottom - ratio * (bottom - top);
}

/** The x of the `index`-th of `count` evenly spaced points in [left, right]. */
export function scaleX(
  index: number,
  count: number,
  left: number,
  right: number,
): number {
  if (count <= 1) {
    return (left + right) / 2;
  }
  return left + (index / (count - 1)) * (right - left);
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find(s => s * power >= max) ?? 10;
  return step * power;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * An SVG path through the defined values; a gap (undefined) starts a new
 * sub-path. Returns '' when no value is defined.
 */
export function linePath(
  values: SeriesValue[],
  box: { left: number; right: number; top: number; bottom: number },
  max: number,
): string {
  const parts: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    if (value === undefined || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const x = round(scaleX(index, values.length, box.left, box.right));
    const y = round(scaleY(value, max, box.top, box.bottom));
    parts.push(`${drawing ? 'L' : 'M'}${x} ${y}`);
    drawing = true;
  });
  return parts.join(' ');
}

/** The largest defined value, or 0. */
export function maxOf(values: SeriesValue[]): number {
  return values.reduce<number>(
    (max, v) => (v !== undefined && Number.isFinite(v) && v > max ? v : max),
    0,
  );
}

/**
 * Widths of the segments of one stacked bar, proportional to `total` over
 * `width`; returns [x, width] pairs.
 */
export function stackSegments(
  values: number[],
  total: number,
  width: number,
): Array<[number, number]> {
  let x = 0;
  return values.map(value => {
    const w = total > 0 ? (Math.max(0, value) / total) * width : 0;
    const segment: [number, number] = [round(x), round(w)];
    x += w;
    return segment;
  });
}

/**
 * Indexes of defined values whose neighbours are both gaps: a line cannot
 * show them, so charts draw them as dots.
 */
export function isolatedPoints(values: SeriesValue[]): number[] {
  const defined = (i: number) =>
    values[i] !== undefined && Number.isFinite(values[i]);
  return values
    .map((_, i) => i)
    .filter(i => defined(i) && !defined(i - 1) && !defined(i + 1));
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A "nice" upper bound for a duration axis, in whole seconds, minutes or
 * hours, so tick labels stay short (e.g. `20 min` rather than `16 min 40 s`).
 */
export function niceDurationMax(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) {
    return MINUTE;
  }
  if (ms <= MINUTE) {
    return niceMax(ms / SECOND) * SECOND;
  }
  if (ms <= HOUR) {
    return Math.min(HOUR, niceMax(ms / MINUTE) * MINUTE);
  }
  return niceMax(ms / HOUR) * HOUR;
}
