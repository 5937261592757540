import {
  mockCredentials,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import { startEmulator, type RunningEmulator } from '@fractal/cluster-emulator';
import type {
  ClusterHealth,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { readConditions } from '@fractal/backstage-plugin-platform-common';
import { slimObject } from './informers/slimObject';
import {
  demoGroups,
  startPlatformBackend,
  waitFor,
} from './__testUtils__/startPlatformBackend';

const TENANTS = ['payments', 'checkout', 'search'];
const alan = mockCredentials.user.header('user:default/alan');
const ada = mockCredentials.user.header('user:default/ada');
const CLAIMS = 'platform.fractal.dev/v1alpha1';

jest.setTimeout(120_000);

describe('platform backend against the cluster emulator', () => {
  let emulator: RunningEmulator;
  let backend: TestBackend | undefined;
  let stateDir: string;
  const signals: SignalPayload[] = [];

  const platformConfig = () => ({
    clusters: emulator.clusters.map(c => ({
      name: c.name,
      url: c.url,
      environment: c.environment,
      caData: c.caData,
      serviceAccountToken: emulator.tokens['fractal-reader'],
    })),
    informers: { backoff: { initial: '50ms', max: '500ms' } },
  });

  const start = async () => {
    backend = await startPlatformBackend({
      platform: platformConfig(),
      entities: demoGroups(TENANTS),
      onSignal: s => signals.push(s),
    });
  };

  const api = (path: string, auth = alan) =>
    request(backend!.server)
      .get(`/api/platform${path}`)
      .set('authorization', auth);

  const listed = async () =>
    ((await api('/resources')).body.items ?? []) as PlatformResource[];

  const health = async () =>
    ((await api('/clusters')).body.items ?? []) as ClusterHealth[];

  /** Claims of every demo kind in a cluster, straight from the emulator. */
  const claimsIn = (cluster: string) =>
    ['PostgreSQLInstance', 'Bucket', 'Cache', 'Application'].flatMap(kind =>
      emulator.cluster(cluster).list(CLAIMS, kind),
    );

  /** `cluster/uid:ready` of every claim, as the clusters have them. */
  const clusterView = () =>
    emulator.clusters
      .flatMap(c =>
        claimsIn(c.name).map(raw => {
          const o = slimObject(raw)!;
          const ready = readConditions(o).some(
            x => x.type === 'Ready' && x.status === 'True',
          );
          return `${c.name}/${o.metadata.uid}:${ready}`;
        }),
      )
      .sort();

  /** The same, as the API serves them. */
  const apiView = (items: PlatformResource[]) =>
    items
      .map(r => `${r.ref.cluster}/${r.ref.uid}:${r.status.state === 'Ready'}`)
      .sort();

  const uidsOf = (view: string[]) => view.map(v => v.split(':')[0]);

  /** Waits until the API serves every claim with its readiness, then returns the items. */
  const converged = () =>
    waitFor(async () => {
      const items = await listed();
      const want = clusterView();
      return JSON.stringify(apiView(items)) === JSON.stringify(want)
        ? items
        : undefined;
    }, 'the cache to match the clusters');

  const bucket = (name: string) => ({
    apiVersion: CLAIMS,
    kind: 'Bucket',
    metadata: { name, namespace: 'tenant-payments' },
    spec: { parameters: { region: 'eu-west-1' } },
  });

  const stateOf = async (name: string) => {
    const items = await listed();
    return items.find(r => r.ref.name === name)?.status.state;
  };

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'fractal-emulator-'));
    emulator = await startEmulator({
      stateDir,
      clusters: [
        { name: 'dev', environment: 'development', port: 0 },
        { name: 'prod-eu', environment: 'production', port: 0 },
      ],
      tenants: TENANTS,
      seed: { resources: 24, historyDays: 2 },
      operator: { delays: { default: 300 }, failureRate: 0, stuckRate: 0 },
    });
    await start();
  });

  afterAll(async () => {
    await backend?.stop();
    await emulator?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('syncs every claim of every cluster, with tenants from the namespaces', async () => {
    const items = await converged();
    expect(uidsOf(apiView(items))).toEqual(uidsOf(clusterView()));
    expect(items.length).toBe(
      claimsIn('dev').length + claimsIn('prod-eu').length,
    );
    expect(items.every(r => r.tenant && TENANTS.includes(r.tenant))).toBe(true);
    const synced = await waitFor(async () => {
      const all = await health();
      return all.every(h => h.synced) ? all : undefined;
    }, 'every informer to list');
    expect(synced).toEqual([
      expect.objectContaining({
        name: 'dev',
        connected: true,
        synced: true,
        kinds: 4,
      }),
      expect.objectContaining({
        name: 'prod-eu',
        connected: true,
        synced: true,
        kinds: 4,
      }),
    ]);
    const kinds = (await api('/kinds')).body.items.map(
      (k: { kind: string }) => k.kind,
    );
    expect(kinds.sort()).toEqual([
      'Application',
      'Bucket',
      'Cache',
      'PostgreSQLInstance',
    ]);
    const mine = (await api('/resources', ada)).body
      .items as PlatformResource[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every(r => r.tenant === 'payments')).toBe(true);
  });

  it('serves a claim tree down to the managed resources', async () => {
    const ready = (await listed()).find(r => r.status.state === 'Ready')!;
    const details = (
      await api(`/clusters/${ready.ref.cluster}/resources/${ready.ref.uid}`)
    ).body;
    expect(details.tree.children).toHaveLength(1);
    const composite = details.tree.children[0];
    expect(composite.missing).toBeUndefined();
    expect(composite.ref.kind).toMatch(/^X/);
    expect(composite.children.length).toBeGreaterThan(0);
    expect(
      composite.children.filter((c: { missing?: boolean }) => c.missing),
    ).toEqual([]);
  });

  it('shows a new claim becoming Ready, with its Events, and pushes it', async () => {
    emulator.cluster('dev').create(bucket('live-assets'));
    await waitFor(
      async () =>
        (await stateOf('live-assets')) === 'Ready' ? true : undefined,
      'Ready',
    );
    const uid = (await listed()).find(r => r.ref.name === 'live-assets')!.ref
      .uid;
    const details = (await api(`/clusters/dev/resources/${uid}`)).body;
    expect(details.events.length).toBeGreaterThan(0);
    expect(
      details.events.every(
        (e: { involvedObject: { cluster: string } }) =>
          e.involvedObject.cluster === 'dev',
      ),
    ).toBe(true);
    expect(signals).toContainEqual(
      expect.objectContaining({
        channel: 'platform:resource-status',
        message: { cluster: 'dev', uid, tenant: 'payments', state: 'Ready' },
      }),
    );
  });

  it('reports an outage, then catches up with what changed meanwhile', async () => {
    emulator.setFaults('dev', { outageMs: 3000 });
    await waitFor(async () => {
      const dev = (await health()).find(h => h.name === 'dev');
      return dev && !dev.connected && dev.lastError ? dev : undefined;
    }, 'dev to be reported disconnected');
    emulator.cluster('dev').create(bucket('during-outage'));
    await waitFor(
      async () => ((await stateOf('during-outage')) ? true : undefined),
      'the claim created during the outage',
      30_000,
    );
    await waitFor(
      async () => ((await health()).every(h => h.connected) ? true : undefined),
      'reconnection',
    );
    expect(uidsOf(apiView(await converged()))).toEqual(uidsOf(clusterView()));
  });

  it('survives a 410 storm and converges', async () => {
    emulator.setFaults('prod-eu', { forceWatchExpired: true });
    emulator.cluster('prod-eu').compact();
    emulator.cluster('prod-eu').create({ ...bucket('storm-1') });
    await waitFor(async () => {
      const prod = (await health()).find(h => h.name === 'prod-eu');
      return prod?.lastError &&
        /expired|too old|410/i.test(prod.lastError.message)
        ? prod
        : undefined;
    }, 'the informers to see 410 Expired');
    await new Promise(resolve => setTimeout(resolve, 1500));
    emulator.cluster('prod-eu').create({ ...bucket('storm-2') });
    emulator.clearFaults('prod-eu');
    await waitFor(
      async () => ((await stateOf('storm-2')) === 'Ready' ? true : undefined),
      'storm-2 Ready',
      30_000,
    );
    expect(uidsOf(apiView(await converged()))).toEqual(uidsOf(clusterView()));
  });

  it('loses nothing when watches are dropped', async () => {
    emulator.setFaults('dev', { dropWatchesEverySeconds: 1 });
    for (let i = 0; i < 3; i++) {
      emulator.cluster('dev').create(bucket(`dropped-${i}`));
      await new Promise(resolve => setTimeout(resolve, 700));
    }
    emulator
      .cluster('dev')
      .delete(CLAIMS, 'Bucket', 'live-assets', 'tenant-payments');
    await waitFor(
      async () => {
        const names = (await listed()).map(r => r.ref.name);
        return ['dropped-0', 'dropped-1', 'dropped-2'].every(n =>
          names.includes(n),
        ) && !names.includes('live-assets')
          ? true
          : undefined;
      },
      'every change made while watches were dropped',
      30_000,
    );
    emulator.clearFaults('dev');
    expect(uidsOf(apiView(await converged()))).toEqual(uidsOf(clusterView()));
  });

  it('starts again after the plugin restarts', async () => {
    const before = (await listed()).map(r => r.ref.uid).sort();
    await backend!.stop();
    backend = undefined;
    await start();
    const after = await converged();
    expect(after.map(r => r.ref.uid).sort()).toEqual(before);
  });
});
