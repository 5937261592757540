/**
 * Exact percentiles by the nearest-rank method: for n values sorted
 * ascending, the p-th percentile (0 < p <= 100) is the value at 1-based rank
 * `ceil(p * n / 100)`. It is always one of the recorded values, never an
 * interpolation, so it can be reproduced by counting rows.
 */

/**
 * The 1-based nearest rank of percentile `p` among `n` values, computed in
 * integers (`floor((p * n + 99) / 100)` for whole `p`) so that it matches the
 * SQL in the metrics documentation exactly.
 * @public
 */
export function nearestRank(p: number, n: number): number {
  if (!Number.isInteger(p) || p <= 0 || p > 100) {
    throw new RangeError(
      `percentile must be a whole number in (0, 100], got ${p}`,
    );
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`count must be a whole number >= 0, got ${n}`);
  }
  return Math.floor((p * n + 99) / 100);
}

/**
 * The nearest-rank percentile of values already sorted ascending; undefined
 * when there are none.
 * @public
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
): number | undefined {
  if (sorted.length === 0) {
    return undefined;
  }
  return sorted[nearestRank(p, sorted.length) - 1];
}

/** p50, p90, p95 and max of a set of durations. @public */
export interface DurationPercentiles {
  p50Ms?: number;
  p90Ms?: number;
  p95Ms?: number;
  maxMs?: number;
}

/**
 * Sorts a copy of the durations and reads p50, p90, p95 and max from it.
 * @public
 */
export function durationPercentiles(
  values: ArrayLike<number>,
): DurationPercentiles {
  if (values.length === 0) {
    return {};
  }
  const sorted = Float64Array.from(values).sort();
  return {
    p50Ms: percentileOfSorted(sorted, 50),
    p90Ms: percentileOfSorted(sorted, 90),
    p95Ms: percentileOfSorted(sorted, 95),
    maxMs: sorted[sorted.length - 1],
  };
}

/** Concatenates lists of numbers into one sorted array. @public */
export function concatSorted(
  parts: ReadonlyArray<ArrayLike<number>>,
): Float64Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const all = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all.sort();
}
