import fc from 'fast-check';
import { existsAt } from './instances';
import { durationPercentiles } from './percentile';
import { provisioningFigures } from './provisioningFigures';
import { buildTenantMetrics } from './tenantMetrics';
import { windowBuckets } from './trendBuckets';
import {
  cellsOf,
  inWindow,
  instanceInputs,
  rawAttempt,
  rawResource,
  WINDOW,
} from './__testUtils__/referenceData';

describe('buildTenantMetrics', () => {
  it('matches figures counted one record at a time', () => {
    fc.assert(
      fc.property(
        fc.array(rawAttempt, { maxLength: 120 }),
        fc.array(rawResource, { maxLength: 60 }),
        (attempts, resources) => {
          const { base, deltas } = instanceInputs(resources, r => r.kind);
          const metrics = buildTenantMetrics({
            tenant: 'payments',
            window: WINDOW,
            cells: cellsOf(attempts),
            instancesAtStart: base,
            instanceDeltas: deltas,
          });
          const windowed = attempts.filter(a => inWindow(a.startedAt));

          expect(metrics.totals).toEqual(provisioningFigures(windowed));
          const kinds = [...new Set(windowed.map(a => a.kind))].sort();
          expect(metrics.byKind).toEqual(
            kinds.map(kind => ({
              kind,
              ...provisioningFigures(windowed.filter(a => a.kind === kind)),
            })),
          );

          const atEnd: Record<string, number> = {};
          for (const r of resources.filter(x => existsAt(x, WINDOW.to))) {
            atEnd[r.kind] = (atEnd[r.kind] ?? 0) + 1;
          }
          expect(metrics.instancesByKind).toEqual(
            Object.fromEntries(
              Object.entries(atEnd).sort(([a], [b]) => a.localeCompare(b)),
            ),
          );

          for (const unit of ['day', 'week'] as const) {
            const series = unit === 'day' ? metrics.daily : metrics.weekly;
            const buckets = windowBuckets(WINDOW, unit);
            expect(series.map(p => p.start)).toEqual(
              buckets.map(b => new Date(b.start).toISOString()),
            );
            buckets.forEach((bucket, i) => {
              const inBucket = windowed.filter(
                a => a.startedAt >= bucket.start && a.startedAt < bucket.end,
              );
              const figures = provisioningFigures(inBucket);
              expect(series[i]).toEqual({
                start: new Date(bucket.start).toISOString(),
                attempts: figures.attempts,
                ready: figures.ready,
                failed: figures.failed,
                instances: resources.filter(r => existsAt(r, bucket.end))
                  .length,
                ...(figures.p50Ms === undefined
                  ? {}
                  : { p50Ms: figures.p50Ms }),
              });
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports an empty window with empty series', () => {
    const metrics = buildTenantMetrics({
      tenant: 'search',
      window: WINDOW,
      cells: [],
      instancesAtStart: new Map(),
      instanceDeltas: [],
    });
    expect(metrics.totals).toEqual({
      attempts: 0,
      ready: 0,
      failed: 0,
      inFlight: 0,
      stuck: 0,
      failureRate: 0,
    });
    expect(metrics.byKind).toEqual([]);
    expect(metrics.daily).toHaveLength(22);
    expect(
      metrics.daily.every(p => p.instances === 0 && p.p50Ms === undefined),
    ).toBe(true);
    expect(metrics.window).toEqual({
      from: '2025-03-05T06:00:00.000Z',
      to: '2025-03-26T18:00:00.000Z',
    });
  });

  it('computes percentiles over every cell of a kind together', () => {
    const metrics = buildTenantMetrics({
      tenant: 'payments',
      window: WINDOW,
      cells: [
        {
          kind: 'Cache',
          day: 20152,
          counts: { attempts: 2, ready: 2, failed: 0, inFlight: 0, stuck: 0 },
          durationsMs: [10, 40],
        },
        {
          kind: 'Cache',
          day: 20153,
          counts: { attempts: 2, ready: 2, failed: 0, inFlight: 0, stuck: 0 },
          durationsMs: [30, 20],
        },
      ],
      instancesAtStart: new Map(),
      instanceDeltas: [],
    });
    expect(metrics.byKind[0]).toMatchObject(
      durationPercentiles([10, 20, 30, 40]),
    );
    expect(metrics.totals.p50Ms).toBe(20);
  });
});
