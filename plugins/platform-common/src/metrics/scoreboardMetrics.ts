import type { Scoreboard } from '../api/types';
import { adoptionRate } from './adoption';
import { concatNumbers, percentileOf } from './percentile';
import {
  addOutcomeCounts,
  emptyOutcomeCounts,
  failureRate,
  type OutcomeCounts,
} from './provisioningFigures';
import {
  scoreFigure,
  templateSuccessRate,
  toilHours,
  type MinutesSaved,
} from './scoreboard';
import type { WindowMs } from './trendBuckets';
import { trendSeries, type DayCell } from './trendSeries';
import { instancesAfter, type InstanceDelta } from './instances';

/** Attempts of one tenant and kind started on one UTC day. @public */
export interface TenantKindCell extends DayCell {
  tenant: string;
  kind: string;
  /** Attempts that reached Ready, created through the portal. */
  readyViaPortal: number;
}

/** Template runs finished in a period. @public */
export interface TemplateRunCounts {
  succeeded: number;
  failed: number;
}

/** What {@link buildScoreboard} needs, for the window and the previous period of the same length. @public */
export interface ScoreboardInput {
  window: WindowMs;
  tenants: ReadonlyArray<string>;
  current: ReadonlyArray<TenantKindCell>;
  previous: ReadonlyArray<TenantKindCell>;
  /** Instances by tenant at the window's start (the previous period's end). */
  instancesAtStart: ReadonlyMap<string, number>;
  /** Creations and deletions by tenant (key) and day (bucket) inside the window. */
  instanceDeltas: ReadonlyArray<InstanceDelta>;
  templateRuns: { current: TemplateRunCounts; previous: TemplateRunCounts };
  minutesSaved: MinutesSaved;
}

function toil(
  cells: ReadonlyArray<TenantKindCell>,
  minutes: MinutesSaved,
): number {
  const byKind: Record<string, number> = {};
  for (const cell of cells) {
    byKind[cell.kind] = (byKind[cell.kind] ?? 0) + cell.readyViaPortal;
  }
  return toilHours(byKind, minutes);
}

function p50(cells: ReadonlyArray<TenantKindCell>): number | undefined {
  return percentileOf(concatNumbers(cells.map(c => c.durationsMs)), 50);
}

function adopting(
  counts: ReadonlyMap<string, number>,
  tenants: ReadonlyArray<string>,
) {
  return tenants.filter(t => (counts.get(t) ?? 0) > 0).length;
}

/**
 * The product scoreboard: provisioning time p50, adoption rate, template
 * success rate and toil hours eliminated, each against the previous period,
 * a row per tenant and the all-tenant daily trend.
 * @public
 */
export function buildScoreboard(input: ScoreboardInput): Scoreboard {
  const byTenant = new Map<string, TenantKindCell[]>();
  for (const cell of input.current) {
    const list = byTenant.get(cell.tenant) ?? [];
    list.push(cell);
    byTenant.set(cell.tenant, list);
  }
  const instancesAtEnd = instancesAfter(
    input.instancesAtStart,
    input.instanceDeltas,
  );
  const names = new Set([
    ...input.tenants,
    ...byTenant.keys(),
    ...instancesAtEnd.keys(),
  ]);
  const total = input.tenants.length;
  return {
    window: {
      from: new Date(input.window.from).toISOString(),
      to: new Date(input.window.to).toISOString(),
    },
    provisioningTimeP50Ms: scoreFigure(p50(input.current), p50(input.previous)),
    adoptionRate: scoreFigure(
      adoptionRate(adopting(instancesAtEnd, input.tenants), total),
      adoptionRate(adopting(input.instancesAtStart, input.tenants), total),
    ),
    templateSuccessRate: scoreFigure(
      templateSuccessRate(
        input.templateRuns.current.succeeded,
        input.templateRuns.current.failed,
      ),
      templateSuccessRate(
        input.templateRuns.previous.succeeded,
        input.templateRuns.previous.failed,
      ),
    ),
    toilHoursEliminated: scoreFigure(
      toil(input.current, input.minutesSaved),
      toil(input.previous, input.minutesSaved),
    ),
    tenants: [...names].sort().map(tenant => {
      const cells = byTenant.get(tenant) ?? [];
      const counts: OutcomeCounts = emptyOutcomeCounts();
      for (const cell of cells) addOutcomeCounts(counts, cell.counts);
      const row: Scoreboard['tenants'][number] = {
        tenant,
        instances: instancesAtEnd.get(tenant) ?? 0,
        failureRate: failureRate(counts.ready, counts.failed),
        toilHours: toil(cells, input.minutesSaved),
      };
      const median = p50(cells);
      if (median !== undefined) row.p50Ms = median;
      return row;
    }),
    daily: trendSeries(
      {
        window: input.window,
        cells: input.current,
        instancesAtStart: input.instancesAtStart,
        instanceDeltas: input.instanceDeltas,
      },
      'day',
    ),
  };
}
