import type { WindowBucket } from './trendBuckets';

/**
 * A resource's lifetime: it exists at instant t when
 * `createdAt < t <= deletedAt` (or it is not deleted), i.e. it is counted
 * "at the end of" any interval that ends after its creation and no later
 * than its deletion.
 * @public
 */
export interface Lifetime {
  createdAt: number;
  deletedAt?: number;
}

/** Whether a resource exists at the end of an interval ending at `t`. @public */
export function existsAt(lifetime: Lifetime, t: number): boolean {
  return (
    lifetime.createdAt < t &&
    (lifetime.deletedAt === undefined || lifetime.deletedAt >= t)
  );
}

/** Resources created or deleted in one bucket, for one group (kind, tenant...). @public */
export interface InstanceDelta {
  bucket: number;
  key: string;
  created: number;
  deleted: number;
}

/**
 * Instances per key at the end of each bucket: the count at the window start
 * plus creations minus deletions in the window up to the bucket's end. The
 * deltas must only hold events inside the window, grouped by bucket index.
 * @public
 */
export function instancesAtBucketEnds(
  base: ReadonlyMap<string, number>,
  deltas: ReadonlyArray<InstanceDelta>,
  buckets: ReadonlyArray<WindowBucket>,
): Array<Map<string, number>> {
  const byBucket = new Map<number, InstanceDelta[]>();
  for (const delta of deltas) {
    const list = byBucket.get(delta.bucket) ?? [];
    list.push(delta);
    byBucket.set(delta.bucket, list);
  }
  const running = new Map(base);
  return buckets.map(bucket => {
    for (const delta of byBucket.get(bucket.index) ?? []) {
      running.set(
        delta.key,
        (running.get(delta.key) ?? 0) + delta.created - delta.deleted,
      );
    }
    return new Map([...running].filter(([, count]) => count !== 0));
  });
}

/** Instances per key once every delta is applied (at the window's end). @public */
export function instancesAfter(
  base: ReadonlyMap<string, number>,
  deltas: ReadonlyArray<InstanceDelta>,
): Map<string, number> {
  const running = new Map(base);
  for (const delta of deltas) {
    running.set(
      delta.key,
      (running.get(delta.key) ?? 0) + delta.created - delta.deleted,
    );
  }
  return new Map([...running].filter(([, count]) => count !== 0));
}

/** Sum of the values of a map. @public */
export function sumValues(map: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const value of map.values()) total += value;
  return total;
}

/** A map as a plain object with keys in order. @public */
export function sortedRecord(
  map: ReadonlyMap<string, number>,
): Record<string, number> {
  const record: Record<string, number> = {};
  for (const key of [...map.keys()].sort()) {
    record[key] = map.get(key) ?? 0;
  }
  return record;
}
