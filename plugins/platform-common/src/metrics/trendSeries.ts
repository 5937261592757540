import type { TrendPoint } from '../api/types';
import {
  instancesAtBucketEnds,
  sumValues,
  type InstanceDelta,
} from './instances';
import { concatNumbers, percentileOf } from './percentile';
import {
  addOutcomeCounts,
  emptyOutcomeCounts,
  type OutcomeCounts,
} from './provisioningFigures';
import {
  bucketIndex,
  bucketIndexStart,
  windowBuckets,
  type TrendUnit,
  type WindowMs,
} from './trendBuckets';

/**
 * Attempts started on one UTC day (bucket index `floor(startedAt / DAY_MS)`):
 * their counts and the provisioning times of the observed Ready ones.
 * @public
 */
export interface DayCell {
  day: number;
  counts: OutcomeCounts;
  durationsMs: ArrayLike<number>;
}

/** Re-buckets day deltas into `unit` buckets (weeks start on a day boundary). @public */
export function rebucketDayDeltas(
  deltas: ReadonlyArray<InstanceDelta>,
  unit: TrendUnit,
): InstanceDelta[] {
  if (unit === 'day') return [...deltas];
  return deltas.map(delta => ({
    ...delta,
    bucket: bucketIndex(bucketIndexStart(delta.bucket, 'day'), unit),
  }));
}

/** What a trend series is built from. @public */
export interface TrendInput {
  window: WindowMs;
  /** Attempts started in the window, in cells by UTC day (any other grouping inside). */
  cells: ReadonlyArray<DayCell>;
  /** Instances existing at the window's start, by any key. */
  instancesAtStart: ReadonlyMap<string, number>;
  /** Creations and deletions inside the window by the same keys, by day. */
  instanceDeltas: ReadonlyArray<InstanceDelta>;
}

/**
 * Daily or weekly trend points over a window: attempts, Ready, failed and the
 * p50 provisioning time of attempts started in each bucket, and the instances
 * existing at each bucket's end.
 * @public
 */
export function trendSeries(input: TrendInput, unit: TrendUnit): TrendPoint[] {
  const buckets = windowBuckets(input.window, unit);
  const instances = instancesAtBucketEnds(
    input.instancesAtStart,
    rebucketDayDeltas(input.instanceDeltas, unit),
    buckets,
  );
  const cellsByBucket = new Map<number, DayCell[]>();
  for (const cell of input.cells) {
    const index = bucketIndex(bucketIndexStart(cell.day, 'day'), unit);
    const list = cellsByBucket.get(index) ?? [];
    list.push(cell);
    cellsByBucket.set(index, list);
  }
  return buckets.map((bucket, i) => {
    const cells = cellsByBucket.get(bucket.index) ?? [];
    const counts = emptyOutcomeCounts();
    for (const cell of cells) addOutcomeCounts(counts, cell.counts);
    const point: TrendPoint = {
      start: new Date(bucket.start).toISOString(),
      attempts: counts.attempts,
      ready: counts.ready,
      failed: counts.failed,
      instances: sumValues(instances[i]),
    };
    const p50 = percentileOf(concatNumbers(cells.map(c => c.durationsMs)), 50);
    if (p50 !== undefined) point.p50Ms = p50;
    return point;
  });
}
