import type { MetricsWindow } from '../api/types';

/** One UTC day in milliseconds. @public */
export const DAY_MS = 86_400_000;
/** One week in milliseconds. @public */
export const WEEK_MS = 7 * DAY_MS;
/**
 * Offset that aligns week buckets on Mondays: the Unix epoch was a Thursday,
 * so `floor((t + 3 days) / 1 week)` numbers ISO weeks (Monday 00:00 UTC).
 * @public
 */
export const WEEK_OFFSET_MS = 3 * DAY_MS;

/** The size of a trend bucket. @public */
export type TrendUnit = 'day' | 'week';

/**
 * The number of the bucket holding `t` (epoch ms): the same integer the SQL
 * in the metrics documentation computes with integer division.
 * @public
 */
export function bucketIndex(t: number, unit: TrendUnit): number {
  return unit === 'day'
    ? Math.floor(t / DAY_MS)
    : Math.floor((t + WEEK_OFFSET_MS) / WEEK_MS);
}

/** Start (epoch ms) of bucket number `index`. @public */
export function bucketIndexStart(index: number, unit: TrendUnit): number {
  return unit === 'day' ? index * DAY_MS : index * WEEK_MS - WEEK_OFFSET_MS;
}

/** Start (epoch ms) of the UTC day or ISO week (Monday) holding `t`. @public */
export function bucketStart(t: number, unit: TrendUnit): number {
  return bucketIndexStart(bucketIndex(t, unit), unit);
}

/** A bucket of a window: its start and its end clipped to the window's end. @public */
export interface WindowBucket {
  index: number;
  start: number;
  /** Exclusive end: the next bucket's start, or the window's end if earlier. */
  end: number;
}

/** Window bounds as epoch milliseconds. @public */
export interface WindowMs {
  from: number;
  to: number;
}

/** Converts an ISO window to epoch milliseconds. @public */
export function windowToMs(window: MetricsWindow): WindowMs {
  return { from: Date.parse(window.from), to: Date.parse(window.to) };
}

/**
 * Every bucket that overlaps the half-open window [from, to), in order. The
 * first bucket may start before `from`.
 * @public
 */
export function windowBuckets(
  window: WindowMs,
  unit: TrendUnit,
): WindowBucket[] {
  const buckets: WindowBucket[] = [];
  if (!(window.to > window.from)) {
    return buckets;
  }
  const last = bucketIndex(window.to - 1, unit);
  for (let index = bucketIndex(window.from, unit); index <= last; index++) {
    const start = bucketIndexStart(index, unit);
    const next = bucketIndexStart(index + 1, unit);
    buckets.push({ index, start, end: Math.min(next, window.to) });
  }
  return buckets;
}

/** The window of the same length that ends where `window` starts. @public */
export function previousWindow(window: WindowMs): WindowMs {
  return { from: window.from - (window.to - window.from), to: window.from };
}
