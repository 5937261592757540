import fc from 'fast-check';
import { durationPercentiles } from './percentile';
import { failureRate, provisioningFigures } from './provisioningFigures';
import { buildScoreboard, type TenantKindCell } from './scoreboardMetrics';
import { existsAt } from './instances';
import {
  bucketIndex,
  previousWindow,
  windowBuckets,
  type WindowMs,
} from './trendBuckets';
import {
  inWindow,
  instanceInputs,
  rawAttempt,
  rawResource,
  TENANTS,
  WINDOW,
  type RawAttempt,
} from './__testUtils__/referenceData';

const minutesSaved = { default: 120, byKind: { PostgreSQLInstance: 240 } };

function tenantKindCells(
  attempts: RawAttempt[],
  w: WindowMs,
): TenantKindCell[] {
  const cells = new Map<string, TenantKindCell & { durationsMs: number[] }>();
  for (const a of attempts.filter(x => inWindow(x.startedAt, w))) {
    const day = bucketIndex(a.startedAt, 'day');
    const key = `${a.tenant}/${a.kind}/${day}`;
    const cell = cells.get(key) ?? {
      tenant: a.tenant,
      kind: a.kind,
      day,
      durationsMs: [],
      readyViaPortal: 0,
      counts: { attempts: 0, ready: 0, failed: 0, inFlight: 0, stuck: 0 },
    };
    const f = provisioningFigures([a]);
    cell.counts.attempts += 1;
    cell.counts.ready += f.ready;
    cell.counts.failed += f.failed;
    cell.counts.inFlight += f.inFlight;
    cell.counts.stuck += f.stuck;
    if (f.p50Ms !== undefined) cell.durationsMs.push(f.p50Ms);
    if (a.outcome === 'ready' && a.viaPortal) cell.readyViaPortal += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

describe('buildScoreboard', () => {
  it('matches the scoreboard counted one attempt at a time', () => {
    fc.assert(
      fc.property(
        fc.array(rawAttempt, { maxLength: 150 }),
        fc.array(rawResource, { maxLength: 40 }),
        fc.nat({ max: 10 }),
        fc.nat({ max: 10 }),
        (attempts, resources, succeeded, failed) => {
          const previous = previousWindow(WINDOW);
          const { base, deltas } = instanceInputs(resources, r => r.tenant);
          const board = buildScoreboard({
            window: WINDOW,
            tenants: TENANTS,
            current: tenantKindCells(attempts, WINDOW),
            previous: tenantKindCells(attempts, previous),
            instancesAtStart: base,
            instanceDeltas: deltas,
            templateRuns: {
              current: { succeeded, failed },
              previous: { succeeded: 1, failed: 1 },
            },
            minutesSaved,
          });
          const now = attempts.filter(a => inWindow(a.startedAt));
          const before = attempts.filter(a => inWindow(a.startedAt, previous));
          const toil = (list: RawAttempt[]) =>
            list
              .filter(a => a.outcome === 'ready' && a.viaPortal)
              .reduce(
                (h, a) => h + (a.kind === 'PostgreSQLInstance' ? 4 : 2),
                0,
              );

          expect(board.provisioningTimeP50Ms.current).toBe(
            provisioningFigures(now).p50Ms,
          );
          expect(board.provisioningTimeP50Ms.previous).toBe(
            provisioningFigures(before).p50Ms,
          );
          expect(board.toilHoursEliminated.current).toBe(toil(now));
          expect(board.toilHoursEliminated.previous).toBe(toil(before));
          const adopting = (t: number) =>
            TENANTS.filter(tenant =>
              resources.some(r => r.tenant === tenant && existsAt(r, t)),
            ).length / TENANTS.length;
          expect(board.adoptionRate.current).toBe(adopting(WINDOW.to));
          expect(board.adoptionRate.previous).toBe(adopting(WINDOW.from));
          expect(board.templateSuccessRate.current).toBe(
            succeeded + failed === 0
              ? undefined
              : succeeded / (succeeded + failed),
          );
          for (const row of board.tenants) {
            const mine = now.filter(a => a.tenant === row.tenant);
            const figures = provisioningFigures(mine);
            expect(row.failureRate).toBe(
              failureRate(figures.ready, figures.failed),
            );
            expect(row.p50Ms).toBe(figures.p50Ms);
            expect(row.toilHours).toBe(toil(mine));
            expect(row.instances).toBe(
              resources.filter(
                r => r.tenant === row.tenant && existsAt(r, WINDOW.to),
              ).length,
            );
          }
          const days = windowBuckets(WINDOW, 'day');
          expect(board.daily).toHaveLength(days.length);
          days.forEach((day, i) => {
            const started = now.filter(
              a => a.startedAt >= day.start && a.startedAt < day.end,
            );
            const figures = provisioningFigures(started);
            expect(board.daily?.[i]).toMatchObject({
              attempts: figures.attempts,
              ready: figures.ready,
              failed: figures.failed,
              instances: resources.filter(r => existsAt(r, day.end)).length,
            });
            expect(board.daily?.[i].p50Ms).toBe(figures.p50Ms);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('computes the change against the previous period', () => {
    const cell = (durationsMs: number[]): TenantKindCell => ({
      tenant: 'payments',
      kind: 'Cache',
      day: bucketIndex(WINDOW.from, 'day'),
      durationsMs,
      readyViaPortal: durationsMs.length,
      counts: {
        attempts: durationsMs.length,
        ready: durationsMs.length,
        failed: 0,
        inFlight: 0,
        stuck: 0,
      },
    });
    const board = buildScoreboard({
      window: WINDOW,
      tenants: ['payments', 'search'],
      current: [cell([60_000, 90_000, 120_000])],
      previous: [cell([120_000, 180_000])],
      instancesAtStart: new Map([['payments', 1]]),
      instanceDeltas: [
        {
          bucket: bucketIndex(WINDOW.from, 'day'),
          key: 'payments',
          created: 1,
          deleted: 0,
        },
        {
          bucket: bucketIndex(WINDOW.from, 'day') + 1,
          key: 'search',
          created: 1,
          deleted: 0,
        },
      ],
      templateRuns: {
        current: { succeeded: 9, failed: 1 },
        previous: { succeeded: 4, failed: 1 },
      },
      minutesSaved,
    });
    expect(board.provisioningTimeP50Ms).toEqual({
      current: durationPercentiles([60_000, 90_000, 120_000]).p50Ms,
      previous: 120_000,
      change: -0.25,
    });
    expect(board.adoptionRate).toEqual({
      current: 1,
      previous: 0.5,
      change: 1,
    });
    expect(board.templateSuccessRate.change).toBeCloseTo(0.9 / 0.8 - 1, 10);
    expect(board.toilHoursEliminated).toEqual({
      current: 6,
      previous: 4,
      change: 0.5,
    });
    expect(board.daily?.slice(0, 2).map(p => p.instances)).toEqual([2, 3]);
    expect(board.daily?.slice(0, 2).map(p => p.instances)).toEqual([2, 3]);
    expect(board.tenants).toEqual([
      {
        tenant: 'payments',
        instances: 2,
        failureRate: 0,
        toilHours: 6,
        p50Ms: 90_000,
      },
      { tenant: 'search', instances: 1, failureRate: 0, toilHours: 0 },
    ]);
  });
});
