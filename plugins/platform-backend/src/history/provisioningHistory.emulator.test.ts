import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type {
  AdoptionMetrics,
  ProvisioningAttempt,
} from '@fractal/backstage-plugin-platform-common';
import {
  startEmulator,
  type GroundTruthRecord,
  type RunningEmulator,
} from '@fractal/cluster-emulator';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { demoGroups, waitFor } from '../__testUtils__/startPlatformBackend';
import { testPermissionsFactory } from '../__testUtils__/testPermissions';
import {
  expectResourceCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';

jest.setTimeout(240_000);

const databases = historyTestDatabases();
const TENANTS = ['payments', 'checkout', 'search'];
const CLAIMS = 'platform.fractal.dev/v1alpha1';
const KINDS = ['PostgreSQLInstance', 'Bucket', 'Cache', 'Application'];
const alan = mockCredentials.user.header('user:default/alan');
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
/** Tenant Groups (`spec.type: team`) and the platform team, which is no tenant. */
const groups = demoGroups([...TENANTS, 'analytics']).map(group =>
  group.metadata.name === 'platform-team'
    ? { ...group, spec: { ...group.spec, type: 'platform' } }
    : group,
);

/**
 * The ground truth: every attempt the emulator's operator performed, against
 * what the backend recorded from its watches alone.
 */
describe.each(databases.eachSupportedId())(
  'provisioning history against the emulator on %s',
  databaseId => {
    let emulator: RunningEmulator;
    let stateDir: string;
    let db: Knex;
    const extraKnex: Knex[] = [];
    const backends: TestBackend[] = [];
    const sent: NotificationSendOptions[] = [];

    async function startBackend(knex: Knex): Promise<TestBackend> {
      const backend = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({
            data: {
              platform: {
                clusters: emulator.clusters.map(c => ({
                  name: c.name,
                  url: c.url,
                  environment: c.environment,
                  caData: c.caData,
                  serviceAccountToken: emulator.tokens['fractal-reader'],
                })),
                informers: { backoff: { initial: '50ms', max: '500ms' } },
                provisioning: {
                  slo: { default: '1h' },
                  stuckCheckInterval: '1h',
                },
              },
            },
          }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: groups,
          }),
          testPermissionsFactory,
          createServiceFactory({
            service: signalsServiceRef,
            deps: {},
            factory: () => ({ publish: async () => {} }),
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (notification: NotificationSendOptions) => {
                sent.push(notification);
              },
            }),
          }),
          mockServices.events.factory(),
        ],
      });
      backends.push(backend);
      return backend;
    }

    const history = async (backend: TestBackend) => {
      const res = await request(backend.server)
        .get('/api/platform/history?from=2000-01-01&to=2100-01-01&limit=5000')
        .set('authorization', alan);
      expect(res.status).toBe(200);
      return res.body.items as ProvisioningAttempt[];
    };

    /** Waits until every informer of the backend has listed. */
    const synced = (backend: TestBackend) =>
      waitFor(
        async () => {
          const res = await request(backend.server)
            .get('/api/platform/clusters')
            .set('authorization', alan);
          const clusters = (res.body.items ?? []) as Array<{ synced: boolean }>;
          return clusters.length === 2 && clusters.every(c => c.synced)
            ? true
            : undefined;
        },
        'the informers to list',
        30_000,
      );

    const claim = (kind: string, name: string, tenant: string) => ({
      apiVersion: CLAIMS,
      kind,
      metadata: {
        name,
        namespace: `tenant-${tenant}`,
        annotations: {
          'fractal.dev/created-via': 'portal',
          'fractal.dev/requested-by': 'user:default/ada',
        },
      },
      spec:
        kind === 'Bucket'
          ? { parameters: { region: 'eu-west-1' } }
          : { parameters: { engine: 'redis' } },
    });

    const keyOf = (r: { cluster: string; uid: string; generation: number }) =>
      `${r.cluster}/${r.uid}/${r.generation}`;

    beforeAll(async () => {
      stateDir = mkdtempSync(join(tmpdir(), 'fractal-history-'));
      emulator = await startEmulator({
        stateDir,
        clusters: [
          { name: 'dev', environment: 'development', port: 0 },
          { name: 'prod-eu', environment: 'production', port: 0 },
        ],
        tenants: [...TENANTS, 'analytics'],
        seed: { resources: 16, historyDays: 3 },
        randomSeed: 7,
        operator: {
          delays: {
            default: { distribution: 'uniform', minMs: 300, maxMs: 2500 },
          },
          deletionDelay: 200,
          failureRate: 0.15,
          stuckRate: 0,
        },
      });
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
    });

    afterAll(async () => {
      for (const backend of backends) await backend.stop().catch(() => {});
      await emulator?.stop();
      for (const knex of extraKnex) await knex.destroy();
      rmSync(stateDir, { recursive: true, force: true });
    });

    it('records every attempt of a scenario within 1 s of the ground truth, across a restart', async () => {
      const second = databaseId.startsWith('POSTGRES')
        ? knexFactory(db.client.config)
        : undefined;
      if (second) extraKnex.push(second);
      let first = await startBackend(db);
      // With PostgreSQL a second replica shares the database from the start.
      const replica = second ? await startBackend(second) : undefined;
      await synced(first);
      if (replica) await synced(replica);

      const created: Array<{
        cluster: string;
        kind: string;
        name: string;
        tenant: string;
      }> = [];
      const create = (i: number) => {
        const cluster = i % 2 ? 'prod-eu' : 'dev';
        const kind = Math.floor(i / 2) % 2 ? 'Cache' : 'Bucket';
        const tenant = TENANTS[i % TENANTS.length];
        const name = `gt-${i}`;
        emulator.cluster(cluster).create(claim(kind, name, tenant));
        created.push({ cluster, kind, name, tenant });
      };
      for (let i = 0; i < 18; i++) {
        create(i);
        await sleep(120);
      }
      // New generations: two while provisioning (superseded), one after Ready.
      await sleep(100);
      for (const target of [created[16], created[17]]) {
        const object = claim(target.kind, target.name, target.tenant);
        emulator.cluster(target.cluster).apply(
          {
            ...object,
            spec:
              target.kind === 'Bucket'
                ? { parameters: { region: 'us-east-1' } }
                : { parameters: { engine: 'memcached' } },
          },
          { force: true },
        );
      }
      await sleep(3_000);
      const updated = created[1];
      emulator.cluster(updated.cluster).apply(
        {
          ...claim(updated.kind, updated.name, updated.tenant),
          spec:
            updated.kind === 'Bucket'
              ? { parameters: { region: 'eu-central-1' } }
              : { parameters: { engine: 'memcached' } },
        },
        { force: true },
      );
      // Deletions after Ready.
      for (const target of [created[2], created[3]]) {
        emulator
          .cluster(target.cluster)
          .delete(CLAIMS, target.kind, target.name, `tenant-${target.tenant}`);
      }

      // A restart: the first backend stops, claims come and finish meanwhile.
      await sleep(1_000);
      await first.stop();
      for (let i = 18; i < 22; i++) create(i);
      await sleep(3_500);
      first = await startBackend(db);

      const live = () => emulator.groundTruth().filter(r => !r.seeded);
      /** A seeded attempt the backend can reconstruct: generation 1, Ready, still the object's state. */
      const seededCurrent = (t: GroundTruthRecord) => {
        if (
          !t.seeded ||
          t.outcome !== 'ready' ||
          t.generation !== 1 ||
          t.deletedAt
        )
          return false;
        const object = emulator
          .cluster(t.cluster)
          .get(CLAIMS, t.kind, t.name, t.namespace);
        const metadata = object?.metadata as
          | { uid?: string; generation?: number }
          | undefined;
        return metadata?.uid === t.uid && metadata.generation === 1;
      };
      await waitFor(
        () =>
          live().every(r => r.outcome !== 'in-progress') ? true : undefined,
        'the operator to finish every attempt',
        60_000,
      );
      const truth = emulator.groundTruth();
      const unsettled = (items: ProvisioningAttempt[]) => {
        const recorded = new Map(items.map(a => [keyOf(a), a]));
        return truth.filter(t => {
          const a = recorded.get(keyOf(t));
          if (t.seeded && !seededCurrent(t)) {
            return false; // history from before the backend ran: never watched
          }
          if (!a) return true;
          if (t.outcome === 'ready') return a.readyAt === undefined;
          if (t.outcome === 'superseded') return a.outcome !== 'superseded';
          if (t.outcome === 'deleted') return a.deletedAt === undefined;
          return false;
        });
      };
      let items: ProvisioningAttempt[] = [];
      for (
        const deadline = Date.now() + 60_000;
        Date.now() < deadline;
        await sleep(200)
      ) {
        items = await history(first);
        if (unsettled(items).length === 0) break;
      }
      expect(
        unsettled(items).map(t => {
          const a = items.find(x => keyOf(x) === keyOf(t));
          return `${keyOf(t)} ${t.name} truth=${t.outcome} seeded=${
            t.seeded
          } recorded=${a ? a.outcome : 'none'}`;
        }),
      ).toEqual([]);

      const recorded = new Map(items.map(a => [keyOf(a), a]));
      const liveUids = new Set(live().map(r => `${r.cluster}/${r.uid}`));
      // Exactly the watched attempts: nothing duplicated, nothing invented.
      expect(
        items
          .filter(a => liveUids.has(`${a.cluster}/${a.uid}`))
          .map(keyOf)
          .sort(),
      ).toEqual(live().map(keyOf).sort());
      const mismatches: string[] = [];
      const check = (
        t: GroundTruthRecord,
        a: ProvisioningAttempt | undefined,
      ) => {
        if (!a) return mismatches.push(`${keyOf(t)} missing`);
        if (t.outcome === 'ready') {
          const truthMs = Date.parse(t.readyAt!) - Date.parse(t.startedAt);
          if (
            a.durationMs === undefined ||
            Math.abs(a.durationMs - truthMs) > 1000
          ) {
            mismatches.push(
              `${keyOf(t)} ${a.durationMs} ms recorded, ${truthMs} ms true`,
            );
          }
        }
        if (t.outcome === 'superseded' && a.outcome !== 'superseded')
          mismatches.push(`${keyOf(t)} not superseded`);
        if (t.outcome === 'failed' && a.outcome === 'ready')
          mismatches.push(`${keyOf(t)} failed but recorded Ready`);
        return 0;
      };
      for (const t of live()) check(t, recorded.get(keyOf(t)));
      // Seeded history first seen already Ready: generation 1 is estimated from
      // creationTimestamp and the Ready condition, to the second.
      const seededFirst = truth.filter(seededCurrent);
      for (const t of seededFirst) {
        const a = recorded.get(keyOf(t));
        if (a && !a.estimated)
          mismatches.push(`${keyOf(t)} not marked estimated`);
        check(t, a);
      }
      expect(mismatches).toEqual([]);
      expect(live().filter(t => t.outcome === 'ready').length).toBeGreaterThan(
        15,
      );
      expect(seededFirst.length).toBeGreaterThan(0);

      // One notification per attempt and outcome, however many replicas.
      const perAttempt = new Map<string, number>();
      for (const n of sent) {
        const key = `${n.payload.scope} ${n.payload.title}`;
        perAttempt.set(key, (perAttempt.get(key) ?? 0) + 1);
      }
      expect(
        [...perAttempt.entries()].filter(([, count]) => count > 1),
      ).toEqual([]);
      expect(
        sent.filter(n => n.payload.title.endsWith('is Ready')).length,
      ).toBeGreaterThanOrEqual(
        live().filter(t => t.outcome === 'ready').length - 4,
      );

      // Adoption counts are exact: instances by kind and tenant = the claims in the clusters now.
      const adoption = await waitFor(async () => {
        const res = await request(first.server)
          .get(
            `/api/platform/metrics/adoption?to=${new Date(
              Date.now() + 1000,
            ).toISOString()}`,
          )
          .set('authorization', alan);
        return res.status === 200 ? (res.body as AdoptionMetrics) : undefined;
      }, 'adoption');
      const inClusters = emulator.clusters.flatMap(c =>
        KINDS.flatMap(kind => emulator.cluster(c.name).list(CLAIMS, kind)),
      );
      const byKind: Record<string, number> = {};
      const byTenant: Record<string, number> = {};
      for (const object of inClusters) {
        byKind[String(object.kind)] = (byKind[String(object.kind)] ?? 0) + 1;
        const tenant = String(
          (object.metadata as { namespace: string }).namespace,
        ).replace('tenant-', '');
        byTenant[tenant] = (byTenant[tenant] ?? 0) + 1;
      }
      expect(adoption.instancesByKind).toEqual(
        Object.fromEntries(
          Object.entries(byKind).sort(([a], [b]) => a.localeCompare(b)),
        ),
      );
      expect(
        Object.fromEntries(adoption.byTenant.map(t => [t.tenant, t.instances])),
      ).toEqual({
        analytics: 0,
        ...byTenant,
      });
      expect(adoption).toMatchObject({
        tenants: 4,
        adoptingTenants: 3,
        adoptionRate: 0.75,
      });

      // The other replica (PostgreSQL) serves the same history.
      const fromReplica = replica ? await history(replica) : items;
      expect(fromReplica.map(keyOf).sort()).toEqual(items.map(keyOf).sort());

      // The day rollups the metrics read are exact after all of it.
      for (const backend of backends.splice(0)) await backend.stop();
      await expectResourceCountsExact(db);
    });
  },
);
