import fc from 'fast-check';
import {
  adoptionKey,
  buildAdoptionMetrics,
  parseAdoptionKey,
} from './adoptionMetrics';
import { existsAt } from './instances';
import { windowBuckets } from './trendBuckets';
import {
  adoptionKeyOf,
  instanceInputs,
  rawResource,
  TENANTS,
  WINDOW,
} from './__testUtils__/referenceData';

describe('adoptionKey', () => {
  it.each([
    ['payments', 'Bucket', true],
    ['search', 'PostgreSQLInstance', false],
  ])('round-trips %s %s %p', (tenant, kind, viaPortal) => {
    expect(parseAdoptionKey(adoptionKey(tenant, kind, viaPortal))).toEqual({
      tenant,
      kind,
      viaPortal,
    });
  });
});

describe('buildAdoptionMetrics', () => {
  const catalogTenants = [...TENANTS, 'identity'];

  it('matches adoption counted one resource at a time', () => {
    fc.assert(
      fc.property(fc.array(rawResource, { maxLength: 80 }), resources => {
        const { base, deltas } = instanceInputs(resources, adoptionKeyOf);
        const metrics = buildAdoptionMetrics({
          window: WINDOW,
          tenants: catalogTenants,
          instancesAtStart: base,
          instanceDeltas: deltas,
        });
        const alive = resources.filter(r => existsAt(r, WINDOW.to));
        const adopting = catalogTenants.filter(t =>
          alive.some(r => r.tenant === t),
        );

        expect(metrics.tenants).toBe(4);
        expect(metrics.adoptingTenants).toBe(adopting.length);
        expect(metrics.adoptionRate).toBe(adopting.length / 4);
        expect(metrics.portalShare).toBe(
          alive.length === 0
            ? 0
            : alive.filter(r => r.viaPortal).length / alive.length,
        );
        expect(metrics.byTenant.map(t => t.tenant)).toEqual(
          [...catalogTenants].sort(),
        );
        for (const row of metrics.byTenant) {
          const mine = alive.filter(r => r.tenant === row.tenant);
          expect(row.instances).toBe(mine.length);
          expect(row.viaPortal).toBe(mine.filter(r => r.viaPortal).length);
          expect(
            Object.values(row.instancesByKind).reduce((a, b) => a + b, 0),
          ).toBe(mine.length);
        }
        const buckets = windowBuckets(WINDOW, 'week');
        expect(metrics.weekly).toHaveLength(buckets.length);
        buckets.forEach((bucket, i) => {
          const then = resources.filter(r => existsAt(r, bucket.end));
          const byKind: Record<string, number> = {};
          for (const r of then) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
          expect(metrics.weekly[i].instancesByKind).toEqual(
            Object.fromEntries(
              Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b)),
            ),
          );
          expect(metrics.weekly[i].adoptingTenants).toBe(
            catalogTenants.filter(t => then.some(r => r.tenant === t)).length,
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  it('lists tenants that hold resources but are not in the catalog, without counting them', () => {
    const metrics = buildAdoptionMetrics({
      window: WINDOW,
      tenants: ['payments'],
      instancesAtStart: new Map([[adoptionKey('ghost', 'Bucket', false), 2]]),
      instanceDeltas: [],
    });
    expect(metrics.adoptingTenants).toBe(0);
    expect(metrics.adoptionRate).toBe(0);
    expect(metrics.byTenant).toEqual([
      {
        tenant: 'ghost',
        instances: 2,
        instancesByKind: { Bucket: 2 },
        viaPortal: 0,
      },
      { tenant: 'payments', instances: 0, instancesByKind: {}, viaPortal: 0 },
    ]);
  });
});
