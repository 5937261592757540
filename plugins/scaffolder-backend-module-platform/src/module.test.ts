import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModule } from './module';

const CLUSTERS = [
  {
    name: 'dev',
    url: 'https://127.0.0.1:6443',
    environment: 'development',
    skipTLSVerify: true,
    serviceAccountToken: 'fractal-reader-token',
    provisioning: { serviceAccountToken: 'fractal-provisioner-token' },
  },
];

/** Stands in for the scaffolder backend: collects the registered actions. */
function scaffolderStub(actions: TemplateAction[]) {
  return createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
        addActions: (...added) => {
          actions.push(...added);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('the platform scaffolder module', () => {
  it('registers the platform actions', async () => {
    const actions: TemplateAction[] = [];
    const backend = await startTestBackend({
      features: [
        scaffolderStub(actions),
        scaffolderModule,
        mockServices.rootConfig.factory({
          data: { platform: { clusters: CLUSTERS } },
        }),
      ],
    });
    expect(actions.map(a => [a.id, a.supportsDryRun])).toEqual([
      ['platform:resource:compile', true],
      ['platform:resource:apply', true],
      ['platform:resource:wait', true],
      ['platform:publish:local', true],
    ]);
    for (const action of actions) {
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.examples?.length).toBeGreaterThan(0);
    }
    await backend.stop();
  });

  it.each([
    [
      'a namespace pattern without {{name}}',
      { clusters: CLUSTERS, tenants: { namespacePattern: 'tenants' } },
      "platform.tenants.namespacePattern 'tenants' must contain the placeholder {{name}} exactly once",
    ],
    [
      'defaults that set a namespace',
      {
        clusters: CLUSTERS,
        defaults: { platform: { Bucket: { metadata: { namespace: 'x' } } } },
      },
      'platform.defaults.platform.Bucket.metadata.namespace cannot be a default',
    ],
    [
      'a cluster without credentials',
      { clusters: [{ name: 'dev', url: 'https://127.0.0.1:6443' }] },
      'platform.clusters[0].serviceAccountToken is required',
    ],
  ])('refuses to start with %s', async (_case, platform, message) => {
    await expect(
      startTestBackend({
        features: [
          scaffolderStub([]),
          scaffolderModule,
          mockServices.rootConfig.factory({ data: { platform } }),
        ],
      }),
    ).rejects.toThrow(message);
  });
});
