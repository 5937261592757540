import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  ConfigPlatformClustersService,
  platformClusterSourceExtensionPoint,
  platformStatusRulesExtensionPoint,
} from '@fractal/backstage-plugin-platform-node';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { platformPlugin } from './plugin';
import {
  demoCollections,
  demoDiscovery,
  demoEntities,
} from './__testUtils__/demoFixtures';
import { mswCluster } from './__testUtils__/mswCluster';
import { testPermissionsFactory } from './__testUtils__/testPermissions';

const KUBE = 'https://kube.test:6443';
const alan = mockCredentials.user.header('user:default/alan');

const common = [
  catalogServiceMock.factory({ entities: demoEntities }),
  testPermissionsFactory,
  createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({ publish: async () => {} }),
  }),
  mockServices.events.factory(),
];

describe('platformPlugin startup', () => {
  it.each<[string, object, string]>([
    [
      'a cluster without token',
      { clusters: [{ name: 'dev', url: KUBE }] },
      'platform.clusters[0].serviceAccountToken is required',
    ],
    [
      'a bad page size',
      { informers: { pageSize: -1 } },
      'platform.informers.pageSize must be a positive integer',
    ],
    [
      'a bad CRD selector',
      { kinds: { crdSelector: 'not a selector' } },
      'platform.kinds.crdSelector',
    ],
    [
      'a bad namespace pattern',
      { tenants: { namespacePattern: 'tenant' } },
      'platform.tenants.namespacePattern',
    ],
  ])(
    'refuses to start with %s, naming the key',
    async (_what, platform, message) => {
      await expect(
        startTestBackend({
          features: [
            platformPlugin,
            mockServices.rootConfig.factory({ data: { platform } }),
            ...common,
          ],
        }),
      ).rejects.toThrow(message);
    },
  );
});

describe('platformPlugin extension points', () => {
  const server = setupServer();
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (req, print) => {
        if (req.url.startsWith(KUBE)) print.error();
      },
    }),
  );
  afterAll(() => server.close());

  it('uses a module cluster source and status rule overrides', async () => {
    const cluster = mswCluster(KUBE, demoCollections(), demoDiscovery);
    server.use(cluster.handler);
    const module = createBackendModule({
      pluginId: 'platform',
      moduleId: 'test',
      register(env) {
        env.registerInit({
          deps: {
            rules: platformStatusRulesExtensionPoint,
            source: platformClusterSourceExtensionPoint,
          },
          async init({ rules, source }) {
            rules.addStatusRules({
              'platform.fractal.dev/Bucket': obj =>
                (obj.metadata as { uid?: string }).uid === 'p2'
                  ? { state: 'Failed', reason: 'Quota', message: 'over quota' }
                  : undefined,
            });
            source.setClusterSource(({ getDefault }) => {
              expect(getDefault()).toBeDefined();
              return ConfigPlatformClustersService.fromConfig(
                new ConfigReader({
                  platform: {
                    clusters: [
                      {
                        name: 'from-module',
                        url: KUBE,
                        skipTLSVerify: true,
                        serviceAccountToken: 't',
                      },
                    ],
                  },
                }),
              );
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        module,
        mockServices.rootConfig.factory({ data: {} }),
        ...common,
      ],
    });
    try {
      let items: Array<{
        ref: { uid: string; cluster: string };
        status: { state: string; reason?: string };
      }> = [];
      for (let i = 0; i < 200 && items.length < 4; i++) {
        await new Promise(resolve => setTimeout(resolve, 25));
        items =
          (
            await request(backend.server)
              .get('/api/platform/resources')
              .set('authorization', alan)
          ).body.items ?? [];
      }
      expect(
        items.map(r => [r.ref.uid, r.ref.cluster, r.status.state]),
      ).toEqual([
        ['d1', 'from-module', 'Ready'],
        ['c1', 'from-module', 'Ready'],
        ['p1', 'from-module', 'Ready'],
        ['p2', 'from-module', 'Failed'],
      ]);
    } finally {
      await backend.stop();
      cluster.closeAll();
    }
  });
});
