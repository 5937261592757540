import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { platformClustersServiceRef } from './platformClustersServiceRef';
import type { PlatformClustersService } from './PlatformClustersService';

function probePlugin(onInit: (clusters: PlatformClustersService) => void) {
  return createBackendPlugin({
    pluginId: 'probe',
    register(env) {
      env.registerInit({
        deps: { clusters: platformClustersServiceRef },
        async init({ clusters }) {
          onInit(clusters);
        },
      });
    },
  });
}

describe('platformClustersServiceRef', () => {
  it('serves the configured clusters with a client per purpose', async () => {
    let service: PlatformClustersService | undefined;
    const backend = await startTestBackend({
      features: [
        probePlugin(s => {
          service = s;
        }),
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: [
                {
                  name: 'dev',
                  url: 'https://127.0.0.1:6443',
                  environment: 'development',
                  skipTLSVerify: true,
                  serviceAccountToken: 'reader',
                  provisioning: { serviceAccountToken: 'writer' },
                },
              ],
            },
          },
        }),
      ],
    });
    await expect(service!.listClusters()).resolves.toEqual([
      {
        name: 'dev',
        url: 'https://127.0.0.1:6443',
        environment: 'development',
        source: 'platform.clusters[0]',
      },
    ]);
    const provision = await service!.getKubeConfig('dev', 'provision');
    expect(provision.getCurrentUser()?.token).toBe('writer');
    await expect(service!.getObjectsApi('dev')).resolves.toBeDefined();
    await expect(service!.getKubeConfig('nope')).rejects.toThrow(
      "No cluster named 'nope' is configured",
    );
    await backend.stop();
  });

  it('stops the backend at startup when the config is invalid', async () => {
    await expect(
      startTestBackend({
        features: [
          probePlugin(() => {}),
          mockServices.rootConfig.factory({
            data: {
              platform: { clusters: [{ name: 'dev', url: 'https://a:1' }] },
            },
          }),
        ],
      }),
    ).rejects.toThrow('platform.clusters[0].serviceAccountToken is required');
  });
});
