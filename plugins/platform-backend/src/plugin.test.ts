import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type {
  ClusterHealth,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { mswCluster } from './__testUtils__/mswCluster';
import {
  BUCKETS,
  bucket,
  demoCollections,
  demoDiscovery,
  demoEntities,
} from './__testUtils__/demoFixtures';
import { testPermissionsFactory } from './__testUtils__/testPermissions';

const KUBE = 'https://kube.test:6443';

const ada = mockCredentials.user.header('user:default/ada');
const grace = mockCredentials.user.header('user:default/grace');
const alan = mockCredentials.user.header('user:default/alan');
const stranger = mockCredentials.user.header('user:default/nobody');
const catalogService = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'platform',
});

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('platformPlugin', () => {
  const server = setupServer();
  // Only the fake cluster is mocked; requests to the test backend go through.
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (req, print) => {
        if (req.url.startsWith(KUBE)) print.error();
      },
    }),
  );
  afterAll(() => server.close());
  let backend: TestBackend;
  let cluster: ReturnType<typeof mswCluster>;
  let kubeRequests: string[];
  const publish = jest.fn();

  beforeEach(async () => {
    kubeRequests = [];
    publish.mockReset();
    cluster = mswCluster(KUBE, demoCollections(), demoDiscovery);
    server.use(cluster.handler);
    server.events.on('request:start', ({ request: r }) => {
      if (r.url.startsWith(KUBE)) kubeRequests.push(r.url);
    });
    backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: [
                {
                  name: 'dev',
                  url: KUBE,
                  environment: 'development',
                  skipTLSVerify: true,
                  serviceAccountToken: 'reader',
                },
              ],
            },
          },
        }),
        catalogServiceMock.factory({ entities: demoEntities }),
        testPermissionsFactory,
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({ publish }),
        }),
        mockServices.events.factory(),
      ],
    });
    await waitFor(async () => {
      const res = await request(backend.server)
        .get('/api/platform/clusters')
        .set('authorization', alan);
      const health = res.body.items?.[0] as ClusterHealth | undefined;
      const listed = await request(backend.server)
        .get('/api/platform/resources')
        .set('authorization', alan);
      return health?.synced && listed.body.items?.length === 4
        ? health
        : undefined;
    }, 'the cluster to sync');
  });

  afterEach(async () => {
    await backend.stop();
    cluster.closeAll();
    server.events.removeAllListeners();
    server.resetHandlers();
  });

  const uids = (items: PlatformResource[]) => items.map(r => r.ref.uid).sort();

  it('serves kinds and cluster health', async () => {
    const kinds = await request(backend.server)
      .get('/api/platform/kinds')
      .set('authorization', ada);
    expect(kinds.status).toBe(200);
    expect(kinds.body.items).toEqual([
      expect.objectContaining({
        group: 'platform.fractal.dev',
        kind: 'Bucket',
        title: 'Object bucket',
        clusters: ['dev'],
        source: 'crd-selector',
        schema: expect.any(Object),
      }),
    ]);
    const clusters = await request(backend.server)
      .get('/api/platform/clusters')
      .set('authorization', ada);
    expect(clusters.body.items).toEqual([
      expect.objectContaining({
        name: 'dev',
        environment: 'development',
        connected: true,
        synced: true,
        kinds: 1,
      }),
    ]);
  });

  it.each<[string, string, string[]]>([
    ['a payments member', ada, ['p1', 'p2']],
    ['a checkout member', grace, ['c1']],
    ['the platform team', alan, ['c1', 'd1', 'p1', 'p2']],
    ['a service (catalog provider)', catalogService, ['c1', 'd1', 'p1', 'p2']],
  ])(
    'limits GET /resources to the tenants of %s',
    async (_who, auth, expected) => {
      const res = await request(backend.server)
        .get('/api/platform/resources')
        .set('authorization', auth);
      expect(res.status).toBe(200);
      expect(uids(res.body.items)).toEqual(expected);
    },
  );

  it('gives a user of tenant A nothing of tenant B', async () => {
    for (const path of [
      '/api/platform/resources?tenant=checkout',
      '/api/platform/resources?entityRef=component:default/shop',
      '/api/platform/resources?cluster=dev&kind=Bucket',
    ]) {
      const res = await request(backend.server)
        .get(path)
        .set('authorization', ada);
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((r: PlatformResource) => r.tenant),
      ).not.toContain('checkout');
    }
    const other = await request(backend.server)
      .get('/api/platform/clusters/dev/resources/c1')
      .set('authorization', ada);
    const missing = await request(backend.server)
      .get('/api/platform/clusters/dev/resources/nope')
      .set('authorization', ada);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.error.message.replace('c1', 'X')).toBe(
      missing.body.error.message.replace('nope', 'X'),
    );
  });

  it('takes the tenant from the namespace, not from the object label', async () => {
    const res = await request(backend.server)
      .get('/api/platform/resources?entityRef=component:default/shop')
      .set('authorization', alan);
    expect(
      res.body.items.map((r: PlatformResource) => [
        r.ref.uid,
        r.tenant,
        r.owner,
      ]),
    ).toEqual([
      ['c1', 'checkout', 'group:default/checkout'],
      ['p1', 'payments', 'group:default/payments'],
    ]);
  });

  it('filters by entity, tenant, kind and cluster', async () => {
    const get = (q: string) =>
      request(backend.server)
        .get(`/api/platform/resources?${q}`)
        .set('authorization', alan);
    expect(
      uids((await get('entityRef=component:default/shop')).body.items),
    ).toEqual(['c1', 'p1']);
    expect(
      uids((await get('entityRef=group:default/payments')).body.items),
    ).toEqual(['p1', 'p2']);
    expect(
      uids(
        (await get('tenant=payments&kind=platform.fractal.dev/Bucket')).body
          .items,
      ),
    ).toEqual(['p1', 'p2']);
    expect(uids((await get('kind=XBucket')).body.items)).toEqual([]);
    expect(uids((await get('cluster=prod-eu')).body.items)).toEqual([]);
    expect((await get('entityRef=component:default/unknown')).status).toBe(404);
    expect((await get('entityRef=component:default/')).status).toBe(400);
    expect((await get('kind=a&kind=b')).status).toBe(400);
  });

  it('serves one resource with its tree and Events', async () => {
    const res = await request(backend.server)
      .get('/api/platform/clusters/dev/resources/p1')
      .set('authorization', ada);
    expect(res.status).toBe(200);
    expect(res.body.resource).toMatchObject({
      ref: {
        cluster: 'dev',
        kind: 'Bucket',
        name: 'bucket-p1',
        namespace: 'tenant-payments',
        uid: 'p1',
      },
      tenant: 'payments',
      component: 'component:default/shop',
      status: { state: 'Ready', reason: 'Available' },
    });
    expect(res.body.tree).toMatchObject({
      ref: { uid: 'p1' },
      children: [
        {
          ref: { kind: 'XBucket', name: 'xbucket-p1', uid: 'x-p1' },
          status: { state: 'Ready' },
        },
      ],
    });
    expect(res.body.events.map((e: { reason: string }) => e.reason)).toEqual([
      'Created',
    ]);
    // The history module records the first-seen-Ready resource as an estimated attempt.
    const attempts = await waitFor(async () => {
      const again = await request(backend.server)
        .get('/api/platform/clusters/dev/resources/p1')
        .set('authorization', ada);
      return again.body.attempts?.length ? again.body.attempts : undefined;
    }, 'the attempt to be recorded');
    expect(attempts).toEqual([
      expect.objectContaining({
        cluster: 'dev',
        uid: 'p1',
        generation: 1,
        estimated: true,
        durationMs: 60_000,
      }),
    ]);
  });

  it('authorizes every route', async () => {
    for (const path of [
      '/api/platform/kinds',
      '/api/platform/clusters',
      '/api/platform/resources',
      '/api/platform/clusters/dev/resources/p1',
    ]) {
      const anonymous = await request(backend.server).get(path);
      expect([401, 403]).toContain(anonymous.status);
      expect(anonymous.body.items).toBeUndefined();
      const denied = await request(backend.server)
        .get(path)
        .set('authorization', stranger);
      expect(denied.status).toBe(403);
      expect(denied.body.items).toBeUndefined();
    }
  });

  it('answers every read from memory: no cluster request during API calls', async () => {
    const before = kubeRequests.length;
    for (let i = 0; i < 20; i++) {
      for (const [path, auth] of [
        ['/api/platform/resources', ada],
        ['/api/platform/resources?entityRef=component:default/shop', grace],
        ['/api/platform/clusters/dev/resources/p1', alan],
        ['/api/platform/kinds', ada],
        ['/api/platform/clusters', grace],
      ]) {
        expect(
          (await request(backend.server).get(path).set('authorization', auth))
            .status,
        ).toBe(200);
      }
    }
    expect(kubeRequests.slice(before)).toEqual([]);
  });

  it('pushes status changes to the tenant and the platform team, and serves them', async () => {
    cluster.push(
      BUCKETS,
      'MODIFIED',
      bucket('p2', 'tenant-payments', true, { rv: '20' }),
    );
    await waitFor(
      async () => (publish.mock.calls.length > 0 ? true : undefined),
      'a signal',
    );
    expect(publish).toHaveBeenCalledWith({
      recipients: {
        type: 'user',
        entityRef: ['group:default/platform-team', 'group:default/payments'],
      },
      channel: 'platform:resource-status',
      message: {
        cluster: 'dev',
        uid: 'p2',
        tenant: 'payments',
        state: 'Ready',
      },
    });
    const res = await request(backend.server)
      .get('/api/platform/clusters/dev/resources/p2')
      .set('authorization', ada);
    expect(res.body.resource.status.state).toBe('Ready');
  });
});
