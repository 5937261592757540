import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { previousWindow } from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  historyTestDatabases,
  migratedDatabase,
} from '../history/__testUtils__/historyTestDatabases';
import { MetricsService } from './MetricsService';
import { historyFixture, insertFixture } from './__testUtils__/historyFixture';

jest.setTimeout(60_000);

/** The ```sql blocks of docs/metrics.md, by the id in their first line. */
function documentedQueries(): Record<string, string> {
  const markdown = readFileSync(
    join(__dirname, '../../docs/metrics.md'),
    'utf8',
  );
  const queries: Record<string, string> = {};
  for (const match of markdown.matchAll(
    /```sql\n-- ([\w-]+)\n([\s\S]*?)```/g,
  )) {
    queries[match[1]] = match[2];
  }
  return queries;
}

const databases = historyTestDatabases();
const DAY = 86_400_000;
const START = Date.parse('2025-02-01T00:00:00Z');
const WINDOW = {
  from: START + 20 * DAY + 3_600_000,
  to: START + 41 * DAY + 7_200_000,
};
const TENANTS = ['analytics', 'checkout', 'payments'];
const fixture = historyFixture({
  seed: 7,
  start: START,
  days: 62,
  attempts: 1200,
  resources: 250,
  tenants: TENANTS,
  kinds: ['Bucket', 'Cache', 'PostgreSQLInstance'],
});
const minutesSaved = { default: 120, byKind: { PostgreSQLInstance: 240 } };
const queries = documentedQueries();
type Row = Record<string, unknown>;
const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);

describe('docs/metrics.md', () => {
  it('documents every query the checks below run', () => {
    expect(Object.keys(queries).sort()).toEqual([
      'adoption-by-tenant',
      'instances-at',
      'scoreboard-p50',
      'scoreboard-templates',
      'scoreboard-toil',
      'tenant-daily',
      'tenant-figures',
      'tenant-percentiles',
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'documented queries on %s',
  databaseId => {
    let db: Knex;
    let service: MetricsService;
    const run = async (
      id: string,
      bindings: Record<string, string | number>,
    ): Promise<Row[]> => {
      const result = await db.raw(queries[id], bindings);
      return (Array.isArray(result) ? result : result.rows) as Row[];
    };

    beforeAll(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
      await insertFixture(db, fixture);
      service = new MetricsService({
        db,
        tenants: { listTenants: async () => TENANTS },
        minutesSaved,
      });
    });

    it.each(TENANTS)('reproduce the tenant metrics of %s', async tenant => {
      const metrics = await service.tenantMetrics(tenant, WINDOW);
      const bindings = { tenant, ...WINDOW };
      const figures = await run('tenant-figures', bindings);
      const percentiles = await run('tenant-percentiles', bindings);
      expect(
        figures.map((row, i) => ({
          kind: row.kind,
          attempts: num(row.attempts),
          ready: num(row.ready),
          failed: num(row.failed),
          inFlight: num(row.in_flight),
          stuck: num(row.stuck),
          failureRate: Number(Number(row.failure_rate).toFixed(12)),
          p50Ms: num(percentiles[i]?.p50_ms),
          p90Ms: num(percentiles[i]?.p90_ms),
          p95Ms: num(percentiles[i]?.p95_ms),
          maxMs: num(percentiles[i]?.max_ms),
        })),
      ).toEqual(
        metrics.byKind.map(k => ({
          ...k,
          failureRate: Number(k.failureRate.toFixed(12)),
        })),
      );

      const daily = await run('tenant-daily', bindings);
      expect(
        daily.map(row => ({
          start: new Date(Number(row.start_ms)).toISOString(),
          attempts: num(row.attempts),
          ready: num(row.ready),
          failed: num(row.failed),
          p50Ms: num(row.p50_ms),
        })),
      ).toEqual(
        metrics.daily
          .filter(p => p.attempts > 0)
          .map(({ instances, ...p }) => ({ ...p, p50Ms: p.p50Ms })),
      );

      const instances = await run('instances-at', { tenant, at: WINDOW.to });
      expect(
        Object.fromEntries(instances.map(r => [r.kind, num(r.instances)])),
      ).toEqual(metrics.instancesByKind);
    });

    it('reproduce adoption', async () => {
      const adoption = await service.adoption(WINDOW, { allTenants: true });
      const rows = await run('adoption-by-tenant', { at: WINDOW.to });
      const byTenant = new Map<
        string,
        { instances: number; viaPortal: number }
      >();
      for (const row of rows) {
        const entry = byTenant.get(String(row.tenant)) ?? {
          instances: 0,
          viaPortal: 0,
        };
        entry.instances += Number(row.instances);
        entry.viaPortal += Number(row.via_portal);
        byTenant.set(String(row.tenant), entry);
      }
      expect(
        adoption.byTenant.map(t => [t.tenant, t.instances, t.viaPortal]),
      ).toEqual(
        TENANTS.map(t => [
          t,
          byTenant.get(t)?.instances ?? 0,
          byTenant.get(t)?.viaPortal ?? 0,
        ]),
      );
      expect(adoption.adoptingTenants).toBe(
        [...byTenant.values()].filter(t => t.instances > 0).length,
      );
    });

    it('reproduce the scoreboard', async () => {
      const board = await service.scoreboard(WINDOW, { allTenants: true });
      const previous = previousWindow(WINDOW);
      const [now] = await run('scoreboard-p50', WINDOW);
      const [before] = await run('scoreboard-p50', { ...previous });
      expect(board.provisioningTimeP50Ms.current).toBe(num(now.p50_ms));
      expect(board.provisioningTimeP50Ms.previous).toBe(num(before.p50_ms));

      const [runs] = await run('scoreboard-templates', WINDOW);
      expect(board.templateSuccessRate.current).toBe(
        Number(runs.succeeded) / Number(runs.runs),
      );

      const hours = (rows: Row[]) =>
        rows.reduce(
          (sum, r) =>
            sum +
            (Number(r.ready_via_portal) *
              (r.kind === 'PostgreSQLInstance' ? 240 : 120)) /
              60,
          0,
        );
      expect(board.toilHoursEliminated.current).toBeCloseTo(
        hours(await run('scoreboard-toil', WINDOW)),
        9,
      );
      expect(board.toilHoursEliminated.previous).toBeCloseTo(
        hours(await run('scoreboard-toil', { ...previous })),
        9,
      );
    });
  },
);
