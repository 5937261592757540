import fc from 'fast-check';
import type { AttemptOutcome } from '../../api/types';
import { adoptionKey } from '../adoptionMetrics';
import { existsAt, type InstanceDelta } from '../instances';
import {
  emptyOutcomeCounts,
  type AttemptFacts,
  type OutcomeCounts,
} from '../provisioningFigures';
import type { AttemptCell } from '../tenantMetrics';
import { bucketIndex, DAY_MS, type WindowMs } from '../trendBuckets';

/** A raw attempt as the reference computations see it. */
export interface RawAttempt extends AttemptFacts {
  tenant: string;
  kind: string;
  startedAt: number;
  viaPortal: boolean;
}

/** A raw resource lifetime. */
export interface RawResource {
  tenant: string;
  kind: string;
  createdAt: number;
  deletedAt?: number;
  viaPortal: boolean;
}

export const WINDOW: WindowMs = {
  from: Date.parse('2025-03-05T06:00:00Z'),
  to: Date.parse('2025-03-26T18:00:00Z'),
};
const SPAN = { from: WINDOW.from - 12 * DAY_MS, to: WINDOW.to + 3 * DAY_MS };

export const KINDS = ['Bucket', 'Cache', 'PostgreSQLInstance'];
export const TENANTS = ['analytics', 'checkout', 'payments'];
const OUTCOMES: AttemptOutcome[] = [
  'ready',
  'ready',
  'ready',
  'failed',
  'in-progress',
  'stuck',
  'deleted',
  'superseded',
];

export const rawAttempt = fc
  .record({
    tenant: fc.constantFrom(...TENANTS),
    kind: fc.constantFrom(...KINDS),
    startedAt: fc.integer({ min: SPAN.from, max: SPAN.to }),
    outcome: fc.constantFrom(...OUTCOMES),
    durationMs: fc.integer({ min: 0, max: 3_600_000 }),
    estimated: fc.boolean(),
    viaPortal: fc.boolean(),
  })
  .map(
    (a): RawAttempt =>
      a.outcome === 'ready' ? a : { ...a, durationMs: undefined },
  );

export const rawResource = fc
  .record({
    tenant: fc.constantFrom(...TENANTS),
    kind: fc.constantFrom(...KINDS),
    createdAt: fc.integer({ min: SPAN.from, max: SPAN.to }),
    lifetime: fc.option(fc.integer({ min: 0, max: 20 * DAY_MS }), {
      nil: undefined,
    }),
    viaPortal: fc.boolean(),
  })
  .map(
    ({ lifetime, ...r }): RawResource =>
      lifetime === undefined ? r : { ...r, deletedAt: r.createdAt + lifetime },
  );

export const inWindow = (t: number, w: WindowMs = WINDOW) =>
  t >= w.from && t < w.to;

function countInto(counts: OutcomeCounts, outcome: AttemptOutcome) {
  counts.attempts += 1;
  if (outcome === 'ready') counts.ready += 1;
  if (outcome === 'failed') counts.failed += 1;
  if (outcome === 'in-progress') counts.inFlight += 1;
  if (outcome === 'stuck') counts.stuck += 1;
}

/** Groups attempts started in the window by kind and day, like the SQL does. */
export function cellsOf(
  attempts: RawAttempt[],
  w: WindowMs = WINDOW,
): AttemptCell[] {
  const cells = new Map<string, AttemptCell & { durationsMs: number[] }>();
  for (const a of attempts.filter(x => inWindow(x.startedAt, w))) {
    const day = bucketIndex(a.startedAt, 'day');
    const key = `${a.kind}/${day}`;
    const cell = cells.get(key) ?? {
      kind: a.kind,
      day,
      counts: emptyOutcomeCounts(),
      durationsMs: [],
    };
    countInto(cell.counts, a.outcome);
    if (a.outcome === 'ready' && a.durationMs !== undefined) {
      cell.durationsMs.push(a.durationMs);
    }
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** Instances at the window's start and deltas by day inside it, keyed by `keyOf`. */
export function instanceInputs(
  resources: RawResource[],
  keyOf: (r: RawResource) => string,
  w: WindowMs = WINDOW,
): { base: Map<string, number>; deltas: InstanceDelta[] } {
  const base = new Map<string, number>();
  const deltas: InstanceDelta[] = [];
  for (const r of resources) {
    const key = keyOf(r);
    if (existsAt(r, w.from)) base.set(key, (base.get(key) ?? 0) + 1);
    if (inWindow(r.createdAt, w)) {
      deltas.push({
        bucket: bucketIndex(r.createdAt, 'day'),
        key,
        created: 1,
        deleted: 0,
      });
    }
    if (r.deletedAt !== undefined && inWindow(r.deletedAt, w)) {
      deltas.push({
        bucket: bucketIndex(r.deletedAt, 'day'),
        key,
        created: 0,
        deleted: 1,
      });
    }
  }
  return { base, deltas };
}

export const adoptionKeyOf = (r: RawResource) =>
  adoptionKey(r.tenant, r.kind, r.viaPortal);
