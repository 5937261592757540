import type { TenantMetrics } from '../api/types';
import { instancesAfter, sortedRecord, type InstanceDelta } from './instances';
import { concatNumbers } from './percentile';
import {
  addOutcomeCounts,
  emptyOutcomeCounts,
  figuresFrom,
} from './provisioningFigures';
import { trendSeries, type DayCell } from './trendSeries';
import type { WindowMs } from './trendBuckets';

/** The attempts of one kind started on one UTC day. @public */
export interface AttemptCell extends DayCell {
  kind: string;
}

/** What {@link buildTenantMetrics} needs. @public */
export interface TenantMetricsInput {
  tenant: string;
  window: WindowMs;
  /** Attempts started in the window, by kind and day. */
  cells: ReadonlyArray<AttemptCell>;
  /** Instances by kind existing at the window's start. */
  instancesAtStart: ReadonlyMap<string, number>;
  /** Creations and deletions by kind (key) and day (bucket) inside the window. */
  instanceDeltas: ReadonlyArray<InstanceDelta>;
}

/**
 * A tenant's provisioning figures, per kind and in total, with daily and
 * weekly trends, from per-kind, per-day cells of attempts and the instance
 * counts over time.
 * @public
 */
export function buildTenantMetrics(input: TenantMetricsInput): TenantMetrics {
  const byKindCells = new Map<string, AttemptCell[]>();
  for (const cell of input.cells) {
    const list = byKindCells.get(cell.kind) ?? [];
    list.push(cell);
    byKindCells.set(cell.kind, list);
  }
  const totalCounts = emptyOutcomeCounts();
  const byKind = [...byKindCells.keys()].sort().map(kind => {
    const cells = byKindCells.get(kind) ?? [];
    const counts = emptyOutcomeCounts();
    for (const cell of cells) addOutcomeCounts(counts, cell.counts);
    addOutcomeCounts(totalCounts, counts);
    return {
      kind,
      ...figuresFrom(counts, concatNumbers(cells.map(c => c.durationsMs))),
    };
  });
  const atEnd = instancesAfter(input.instancesAtStart, input.instanceDeltas);
  return {
    tenant: input.tenant,
    window: {
      from: new Date(input.window.from).toISOString(),
      to: new Date(input.window.to).toISOString(),
    },
    totals: figuresFrom(
      totalCounts,
      concatNumbers(input.cells.map(c => c.durationsMs)),
    ),
    byKind,
    instancesByKind: sortedRecord(atEnd),
    daily: trendSeries(input, 'day'),
    weekly: trendSeries(input, 'week'),
  };
}
