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
 * Moves the k-th smallest of `a[left..right]` (0-based k) to `a[k]`, smaller
 * or equal values before it and greater or equal after it: quickselect with
 * a median-of-three pivot, linear on average; falls back to sorting the range
 * after too many rounds.
 */
function selectInPlace(
  a: Float64Array,
  k: number,
  from: number,
  to: number,
): void {
  let left = from;
  let right = to;
  const swap = (x: number, y: number) => {
    const t = a[x];
    a[x] = a[y];
    a[y] = t;
  };
  for (let rounds = 0; right > left; rounds++) {
    if (rounds > 64) {
      a.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(left, mid);
    if (a[right] < a[left]) swap(left, right);
    if (a[right] < a[mid]) swap(mid, right);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * The nearest-rank percentile of unsorted values (not modified), in linear
 * time; undefined when there are none.
 * @public
 */
export function percentileOf(
  values: ArrayLike<number>,
  p: number,
): number | undefined {
  if (values.length === 0) return undefined;
  const a = Float64Array.from(values);
  const k = nearestRank(p, a.length) - 1;
  selectInPlace(a, k, 0, a.length - 1);
  return a[k];
}

/**
 * p50, p90, p95 and max of durations in any order (not modified), by nearest
 * rank, in linear time: each percentile is selected in the part of the array
 * above the previous one.
 * @public
 */
export function durationPercentiles(
  values: ArrayLike<number>,
): DurationPercentiles {
  const n = values.length;
  if (n === 0) {
    return {};
  }
  const a = Float64Array.from(values);
  const ranks = [50, 90, 95].map(p => nearestRank(p, n) - 1);
  let from = 0;
  for (const k of ranks) {
    selectInPlace(a, k, from, n - 1);
    from = k;
  }
  let max = a[ranks[2]];
  for (let i = ranks[2] + 1; i < n; i++) {
    if (a[i] > max) max = a[i];
  }
  return {
    p50Ms: a[ranks[0]],
    p90Ms: a[ranks[1]],
    p95Ms: a[ranks[2]],
    maxMs: max,
  };
}

/** Concatenates lists of numbers into one array. @public */
export function concatNumbers(
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
  return all;
}
