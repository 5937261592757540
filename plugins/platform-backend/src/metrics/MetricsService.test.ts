import type { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  attemptOutcome,
  existsAt,
  previousWindow,
  provisioningFigures,
  windowBuckets,
  type AttemptFacts,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import {
  historyTestDatabases,
  migratedDatabase,
} from '../history/__testUtils__/historyTestDatabases';
import { MetricsService } from './MetricsService';
import {
  historyFixture,
  insertFixture,
  type FixtureAttempt,
  type FixtureResource,
} from './__testUtils__/historyFixture';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const DAY = 86_400_000;
const START = Date.parse('2025-02-01T00:00:00Z');
const WINDOW = {
  from: START + 20 * DAY + 3_600_000,
  to: START + 41 * DAY + 7_200_000,
};
const TENANTS = ['analytics', 'checkout', 'payments'];
const KINDS = ['Bucket', 'Cache', 'PostgreSQLInstance'];
const fixture = historyFixture({
  seed: 42,
  start: START,
  days: 62,
  attempts: 1500,
  resources: 300,
  tenants: TENANTS,
  kinds: KINDS,
});
const minutesSaved = { default: 120, byKind: { PostgreSQLInstance: 240 } };

const facts = (a: FixtureAttempt): AttemptFacts => ({
  outcome: attemptOutcome({
    readyAt: a.ready_at,
    failedAt: a.failed_at,
    supersededAt: a.superseded_at,
    deletedAt: a.deleted_at,
    stuckAt: a.stuck_at,
  }),
  durationMs: a.duration_ms ?? undefined,
  estimated: a.estimated,
});
const startedIn = (w: { from: number; to: number }) => (a: FixtureAttempt) =>
  a.started_at >= w.from && a.started_at < w.to;
const lifetime = (r: FixtureResource) => ({
  createdAt: r.created_at,
  deletedAt: r.deleted_at ?? undefined,
});

describe.each(databases.eachSupportedId())(
  'MetricsService on %s',
  databaseId => {
    let db: Knex;
    let service: MetricsService;
    beforeAll(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
      await insertFixture(db, fixture);
      service = new MetricsService({
        db,
        tenants: { listTenants: async () => [...TENANTS, 'identity'] },
        minutesSaved,
      });
    });

    it.each(TENANTS)(
      'tenant metrics of %s match the raw records',
      async tenant => {
        const metrics = await service.tenantMetrics(tenant, WINDOW);
        const mine = fixture.attempts.filter(
          a => a.tenant === tenant && startedIn(WINDOW)(a),
        );
        expect(metrics.totals).toEqual(provisioningFigures(mine.map(facts)));
        expect(metrics.byKind).toEqual(
          KINDS.filter(k => mine.some(a => a.kind === k)).map(kind => ({
            kind,
            ...provisioningFigures(
              mine.filter(a => a.kind === kind).map(facts),
            ),
          })),
        );
        const resources = fixture.resources.filter(r => r.tenant === tenant);
        for (const kind of KINDS) {
          const alive = resources.filter(
            r => r.kind === kind && existsAt(lifetime(r), WINDOW.to),
          );
          expect(metrics.instancesByKind[kind] ?? 0).toBe(alive.length);
        }
        for (const unit of ['day', 'week'] as const) {
          const series = unit === 'day' ? metrics.daily : metrics.weekly;
          const buckets = windowBuckets(WINDOW, unit);
          expect(series).toHaveLength(buckets.length);
          buckets.forEach((bucket, i) => {
            const figures = provisioningFigures(
              mine
                .filter(
                  a =>
                    a.started_at >= bucket.start && a.started_at < bucket.end,
                )
                .map(facts),
            );
            expect(series[i]).toEqual({
              start: new Date(bucket.start).toISOString(),
              attempts: figures.attempts,
              ready: figures.ready,
              failed: figures.failed,
              instances: resources.filter(r =>
                existsAt(lifetime(r), bucket.end),
              ).length,
              ...(figures.p50Ms === undefined ? {} : { p50Ms: figures.p50Ms }),
            });
          });
        }
      },
    );

    it.each([
      [
        'within one day',
        START + 30 * DAY + 3_600_000,
        START + 30 * DAY + 7_200_000,
      ],
      ['on day boundaries', START + 25 * DAY, START + 35 * DAY],
      [
        'from a day boundary to mid-day',
        START + 25 * DAY,
        START + 35 * DAY + 1,
      ],
      [
        'from mid-day to a day boundary',
        START + 25 * DAY - 1,
        START + 35 * DAY,
      ],
    ])('counts instances exactly for a window %s', async (_name, from, to) => {
      const metrics = await service.tenantMetrics('payments', { from, to });
      const resources = fixture.resources.filter(r => r.tenant === 'payments');
      const alive = (t: number) =>
        resources.filter(r => existsAt(lifetime(r), t));
      const byKind: Record<string, number> = {};
      for (const r of alive(to)) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      expect(metrics.instancesByKind).toEqual(
        Object.fromEntries(
          Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b)),
        ),
      );
      expect(metrics.daily.map(p => p.instances)).toEqual(
        windowBuckets({ from, to }, 'day').map(b => alive(b.end).length),
      );
    });

    it.each([
      ['every tenant', { allTenants: true as const }, [...TENANTS, 'identity']],
      ['one tenant', { tenants: ['payments'] }, ['payments']],
    ])(
      'adoption for %s matches the raw records',
      async (_name, scope, catalogTenants) => {
        const adoption = await service.adoption(WINDOW, scope);
        const visible = fixture.resources.filter(
          r =>
            r.tenant !== null &&
            ('allTenants' in scope || scope.tenants.includes(r.tenant)),
        );
        const alive = visible.filter(r => existsAt(lifetime(r), WINDOW.to));
        const adopting = catalogTenants.filter(t =>
          alive.some(r => r.tenant === t),
        );
        expect(adoption.tenants).toBe(catalogTenants.length);
        expect(adoption.adoptingTenants).toBe(adopting.length);
        expect(adoption.adoptionRate).toBe(
          adopting.length / catalogTenants.length,
        );
        expect(adoption.portalShare).toBeCloseTo(
          alive.filter(r => r.created_via_portal).length / alive.length,
          12,
        );
        expect(
          adoption.byTenant.map(t => [t.tenant, t.instances, t.viaPortal]),
        ).toEqual(
          [...catalogTenants]
            .sort()
            .map(t => [
              t,
              alive.filter(r => r.tenant === t).length,
              alive.filter(r => r.tenant === t && r.created_via_portal).length,
            ]),
        );
        const weeks = windowBuckets(WINDOW, 'week');
        weeks.forEach((week, i) => {
          const then = visible.filter(r => existsAt(lifetime(r), week.end));
          expect(
            Object.values(adoption.weekly[i].instancesByKind).reduce(
              (a, b) => a + b,
              0,
            ),
          ).toBe(then.length);
        });
      },
    );

    it('scoreboard matches the raw records', async () => {
      const board = await service.scoreboard(WINDOW, { allTenants: true });
      const previous = previousWindow(WINDOW);
      const now = fixture.attempts.filter(
        a => a.tenant !== null && startedIn(WINDOW)(a),
      );
      const before = fixture.attempts.filter(
        a => a.tenant !== null && startedIn(previous)(a),
      );
      expect(board.provisioningTimeP50Ms.current).toBe(
        provisioningFigures(now.map(facts)).p50Ms,
      );
      expect(board.provisioningTimeP50Ms.previous).toBe(
        provisioningFigures(before.map(facts)).p50Ms,
      );
      const toil = (list: FixtureAttempt[]) =>
        list
          .filter(a => a.ready_at !== null && a.created_via_portal)
          .reduce(
            (h, a) => h + (a.kind === 'PostgreSQLInstance' ? 240 : 120) / 60,
            0,
          );
      expect(board.toilHoursEliminated.current).toBeCloseTo(toil(now), 9);
      expect(board.toilHoursEliminated.previous).toBeCloseTo(toil(before), 9);
      const runs = fixture.runs.filter(
        r => r.finished_at >= WINDOW.from && r.finished_at < WINDOW.to,
      );
      expect(board.templateSuccessRate.current).toBe(
        runs.filter(r => r.outcome === 'succeeded').length / runs.length,
      );
      for (const row of board.tenants) {
        const mine = now.filter(a => a.tenant === row.tenant);
        expect(row.p50Ms).toBe(provisioningFigures(mine.map(facts)).p50Ms);
        expect(row.instances).toBe(
          fixture.resources.filter(
            r => r.tenant === row.tenant && existsAt(lifetime(r), WINDOW.to),
          ).length,
        );
      }
      expect(board.daily).toHaveLength(windowBuckets(WINDOW, 'day').length);
    });
  },
);
