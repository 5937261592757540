import type { AdoptionMetrics } from '../api/types';
import { adoptionRate, portalShare } from './adoption';
import {
  instancesAfter,
  instancesAtBucketEnds,
  sortedRecord,
  type InstanceDelta,
} from './instances';
import { rebucketDayDeltas } from './trendSeries';
import { windowBuckets, type WindowMs } from './trendBuckets';

const SEP = '\u001f';

/** The group key of instance counts for adoption: tenant, kind, created via portal. @public */
export function adoptionKey(
  tenant: string,
  kind: string,
  viaPortal: boolean,
): string {
  return [tenant, kind, viaPortal ? '1' : '0'].join(SEP);
}

/** @public */
export function parseAdoptionKey(key: string): {
  tenant: string;
  kind: string;
  viaPortal: boolean;
} {
  const [tenant, kind, portal] = key.split(SEP);
  return { tenant, kind, viaPortal: portal === '1' };
}

/** What {@link buildAdoptionMetrics} needs. @public */
export interface AdoptionInput {
  window: WindowMs;
  /** Tenant Groups (names) adoption is measured against. */
  tenants: ReadonlyArray<string>;
  /** Instances existing at the window's start, by {@link adoptionKey}. */
  instancesAtStart: ReadonlyMap<string, number>;
  /** Creations and deletions inside the window, by {@link adoptionKey} and day. */
  instanceDeltas: ReadonlyArray<InstanceDelta>;
}

interface Tally {
  byKind: Map<string, number>;
  byTenant: Map<
    string,
    { instances: number; viaPortal: number; byKind: Map<string, number> }
  >;
  instances: number;
  viaPortal: number;
}

function tally(counts: ReadonlyMap<string, number>): Tally {
  const result: Tally = {
    byKind: new Map(),
    byTenant: new Map(),
    instances: 0,
    viaPortal: 0,
  };
  for (const [key, count] of counts) {
    const { tenant, kind, viaPortal } = parseAdoptionKey(key);
    result.byKind.set(kind, (result.byKind.get(kind) ?? 0) + count);
    const row = result.byTenant.get(tenant) ?? {
      instances: 0,
      viaPortal: 0,
      byKind: new Map(),
    };
    row.instances += count;
    row.byKind.set(kind, (row.byKind.get(kind) ?? 0) + count);
    if (viaPortal) row.viaPortal += count;
    result.byTenant.set(tenant, row);
    result.instances += count;
    if (viaPortal) result.viaPortal += count;
  }
  return result;
}

/** Tenants of `tenants` holding at least one instance in `counts`. @public */
export function countAdopting(
  counts: ReadonlyMap<string, number>,
  tenants: ReadonlyArray<string>,
): number {
  const byTenant = tally(counts).byTenant;
  return tenants.filter(t => (byTenant.get(t)?.instances ?? 0) > 0).length;
}

/**
 * Adoption across tenants at the window's end, with weekly instances by kind
 * and adopting tenants at the end of each ISO week.
 * @public
 */
export function buildAdoptionMetrics(input: AdoptionInput): AdoptionMetrics {
  const atEnd = tally(
    instancesAfter(input.instancesAtStart, input.instanceDeltas),
  );
  const adopting = input.tenants.filter(
    t => (atEnd.byTenant.get(t)?.instances ?? 0) > 0,
  ).length;
  const names = new Set([...input.tenants, ...atEnd.byTenant.keys()]);
  const buckets = windowBuckets(input.window, 'week');
  const weeks = instancesAtBucketEnds(
    input.instancesAtStart,
    rebucketDayDeltas(input.instanceDeltas, 'week'),
    buckets,
  );
  return {
    window: {
      from: new Date(input.window.from).toISOString(),
      to: new Date(input.window.to).toISOString(),
    },
    tenants: input.tenants.length,
    adoptingTenants: adopting,
    adoptionRate: adoptionRate(adopting, input.tenants.length),
    instancesByKind: sortedRecord(atEnd.byKind),
    byTenant: [...names].sort().map(tenant => {
      const row = atEnd.byTenant.get(tenant);
      return {
        tenant,
        instances: row?.instances ?? 0,
        instancesByKind: sortedRecord(row?.byKind ?? new Map()),
        viaPortal: row?.viaPortal ?? 0,
      };
    }),
    portalShare: portalShare(atEnd.viaPortal, atEnd.instances),
    weekly: buckets.map((bucket, i) => ({
      start: new Date(bucket.start).toISOString(),
      instancesByKind: sortedRecord(tally(weeks[i]).byKind),
      adoptingTenants: countAdopting(weeks[i], input.tenants),
    })),
  };
}
