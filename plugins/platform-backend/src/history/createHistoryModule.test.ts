import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import request from 'supertest';
import { createHistoryModule, type HistoryModule } from './createHistoryModule';
import {
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { fakeTenantScopes } from './__testUtils__/fakeTenantScopes';
import { change, iso, T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const NOW = T0 + 2 * 86_400_000;
const ada = mockCredentials.user.header('user:default/ada');
const alan = mockCredentials.user.header('user:default/alan');
const ken = mockCredentials.user.header('user:default/ken');
const service = mockCredentials.service.header();

async function startHistory(knex: Knex, config: JsonObject = {}) {
  const holder: { module?: HistoryModule } = {};
  const plugin = createBackendPlugin({
    pluginId: 'platform',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          scheduler: coreServices.scheduler,
          httpAuth: coreServices.httpAuth,
          httpRouter: coreServices.httpRouter,
        },
        async init(deps) {
          const history = createHistoryModule({
            ...deps,
            scopes: fakeTenantScopes(
              deps.httpAuth,
              {
                'user:default/ada': ['payments'],
                'user:default/grace': ['checkout'],
              },
              ['user:default/alan'],
            ),
            tenantGroups: {
              list: () => ['analytics', 'checkout', 'payments'],
              isLoaded: () => true,
            },
            clock: { now: () => new Date(NOW) },
          });
          deps.httpRouter.use(history.router);
          await history.start();
          holder.module = history;
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      plugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return { server, history: holder.module! };
}

describe.each(databases.eachSupportedId())(
  'history routes on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startHistory>>['server'];

    beforeAll(async () => {
      const knex = await migratedDatabase(
        databases,
        databaseId as TestDatabaseId,
      );
      const started = await startHistory(knex);
      server = started.server;
      const { history } = started;
      history.listener(change({ uid: 'p1', type: 'added', observed: 100 }));
      history.listener(change({ uid: 'p1', state: 'Ready', observed: 60_100 }));
      history.listener(
        change({ uid: 'p2', name: 'cache', type: 'added', observed: 200 }),
      );
      history.listener(
        change({ uid: 'c1', tenant: 'checkout', type: 'added', observed: 300 }),
      );
      history.listener(
        change({
          uid: 'c1',
          tenant: 'checkout',
          state: 'Failed',
          reason: 'ReconcileError',
          observed: 9_300,
        }),
      );
      await history.flush();
    });

    it('lists a member only the raw records of their tenants', async () => {
      const res = await request(server)
        .get('/api/platform/history')
        .set('Authorization', ada);
      expect(res.status).toBe(200);
      expect(res.body.items.map((a: { uid: string }) => a.uid)).toEqual([
        'p1',
        'p2',
      ]);
      expect(res.body.items[0]).toMatchObject({
        tenant: 'payments',
        startedAt: iso(100),
        readyAt: iso(60_100),
        durationMs: 60_000,
        outcome: 'ready',
      });
    });

    it('lists an admin every record, filtered by tenant or kind on request', async () => {
      const all = await request(server)
        .get('/api/platform/history')
        .set('Authorization', alan);
      expect(all.body.items.map((a: { uid: string }) => a.uid)).toEqual([
        'p1',
        'p2',
        'c1',
      ]);
      const checkout = await request(server)
        .get('/api/platform/history?tenant=checkout&kind=PostgreSQLInstance')
        .set('Authorization', alan);
      expect(checkout.body.items).toEqual([
        expect.objectContaining({
          uid: 'c1',
          outcome: 'failed',
          failureReason: 'ReconcileError',
        }),
      ]);
    });

    it.each([
      ['/api/platform/history?tenant=checkout'],
      ['/api/platform/metrics/tenants/checkout'],
    ])('refuses %s to a member of another tenant', async path => {
      const res = await request(server).get(path).set('Authorization', ada);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('c1');
    });

    it('refuses users in no tenant and unauthenticated callers', async () => {
      expect(
        (
          await request(server)
            .get('/api/platform/scoreboard')
            .set('Authorization', ken)
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server)
            .get('/api/platform/scoreboard')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    });

    it('serves tenant metrics', async () => {
      const res = await request(server)
        .get('/api/platform/metrics/tenants/payments')
        .set('Authorization', ada);
      expect(res.status).toBe(200);
      expect(res.body.totals).toEqual({
        attempts: 2,
        ready: 1,
        failed: 0,
        inFlight: 1,
        stuck: 0,
        failureRate: 0,
        p50Ms: 60_000,
        p90Ms: 60_000,
        p95Ms: 60_000,
        maxMs: 60_000,
      });
      expect(res.body.instancesByKind).toEqual({ PostgreSQLInstance: 2 });
      expect(res.body.window).toEqual({
        from: new Date(NOW - 30 * 86_400_000).toISOString(),
        to: new Date(NOW).toISOString(),
      });
    });

    it('limits adoption and the scoreboard to the caller’s tenants', async () => {
      const mine = await request(server)
        .get('/api/platform/metrics/adoption')
        .set('Authorization', ada);
      expect(mine.body).toMatchObject({
        tenants: 1,
        adoptingTenants: 1,
        adoptionRate: 1,
      });
      expect(
        mine.body.byTenant.map((t: { tenant: string }) => t.tenant),
      ).toEqual(['payments']);

      const everyone = await request(server)
        .get('/api/platform/metrics/adoption')
        .set('Authorization', alan);
      expect(everyone.body).toMatchObject({ tenants: 3, adoptingTenants: 2 });
      expect(everyone.body.adoptionRate).toBeCloseTo(2 / 3, 12);

      const board = await request(server)
        .get('/api/platform/scoreboard')
        .set('Authorization', ada);
      expect(
        board.body.tenants.map((t: { tenant: string }) => t.tenant),
      ).toEqual(['payments']);
      expect(board.body.provisioningTimeP50Ms).toEqual({ current: 60_000 });
    });

    it.each([
      ['/api/platform/history?from=yesterday', "'from'"],
      ['/api/platform/history?limit=0', "'limit'"],
      ['/api/platform/history?tenant=no%20spaces', "'tenant'"],
      ['/api/platform/metrics/tenants/payments?to=2025-13-45', "'to'"],
      [
        '/api/platform/metrics/tenants/payments?from=2025-03-10&to=2025-03-01',
        "'from'",
      ],
      [
        '/api/platform/metrics/adoption?from=2023-01-01&to=2025-03-01',
        "'from'",
      ],
      ['/api/platform/scoreboard?window=7d', 'window'],
    ])('rejects %s naming the parameter', async (path, param) => {
      const res = await request(server).get(path).set('Authorization', alan);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(param);
    });

    describe('POST /template-runs', () => {
      const run = {
        taskId: `task-${databaseId}`,
        templateRef: 'template:default/postgresql-instance',
        tenant: 'payments',
        kind: 'PostgreSQLInstance',
        outcome: 'succeeded',
        startedAt: iso(1_000),
        finishedAt: iso(31_000),
      };

      it('accepts service callers only, once per task', async () => {
        const asUser = await request(server)
          .post('/api/platform/template-runs')
          .set('Authorization', alan)
          .send(run);
        expect(asUser.status).toBe(403);

        const first = await request(server)
          .post('/api/platform/template-runs')
          .set('Authorization', service)
          .send(run);
        expect(first.status).toBe(201);
        expect(first.body).toEqual(run);
        const again = await request(server)
          .post('/api/platform/template-runs')
          .set('Authorization', service)
          .send(run);
        expect(again.status).toBe(200);
        const changed = await request(server)
          .post('/api/platform/template-runs')
          .set('Authorization', service)
          .send({ ...run, outcome: 'failed' });
        expect(changed.status).toBe(409);

        const board = await request(server)
          .get('/api/platform/scoreboard')
          .set('Authorization', alan);
        expect(board.body.templateSuccessRate).toEqual({ current: 1 });
      });

      it.each([
        [{ outcome: 'maybe' }, "'outcome'"],
        [{ taskId: '' }, "'taskId'"],
        [{ finishedAt: 'soon' }, "'finishedAt'"],
        [{ finishedAt: iso(0) }, "'finishedAt'"],
        [{ extra: true }, 'extra'],
      ])('rejects %j naming the field', async (patch, field) => {
        const res = await request(server)
          .post('/api/platform/template-runs')
          .set('Authorization', service)
          .send({ ...run, taskId: 'bad', ...patch });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
      });
    });
  },
);

describe('createHistoryModule', () => {
  it('refuses to start with invalid provisioning config', async () => {
    const knex = await migratedDatabase(databases, 'SQLITE_3');
    await expect(
      startHistory(knex, {
        platform: { provisioning: { slo: { Bucket: 'whenever' } } },
      }),
    ).rejects.toThrow(/platform\.provisioning\.slo\.Bucket/);
  });
});
