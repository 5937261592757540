import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { platformDefaultsServiceRef } from './platformDefaultsServiceRef';
import {
  createPlatformDefaultsExtension,
  platformDefaultsExtensionPoint,
} from './platformDefaultsExtensionPoint';
import type { PlatformDefaultsService } from './PlatformDefaultsService';

const defaults = {
  platform: { Bucket: { spec: { parameters: { region: 'eu-west-1' } } } },
  tenants: {
    payments: { Bucket: { spec: { parameters: { versioning: true } } } },
  },
};

/** A stand-in for the platform backend: hosts the extension point. */
function hostPlugin(onInit: (service: PlatformDefaultsService) => void) {
  return createBackendPlugin({
    pluginId: 'platform',
    register(env) {
      const extension = createPlatformDefaultsExtension();
      env.registerExtensionPoint(
        platformDefaultsExtensionPoint,
        extension.extensionPoint,
      );
      env.registerInit({
        deps: { service: platformDefaultsServiceRef },
        async init({ service }) {
          extension.installInto(service);
          onInit(service);
        },
      });
    },
  });
}

describe('platformDefaultsServiceRef', () => {
  it('serves the configured defaults', async () => {
    let service: PlatformDefaultsService | undefined;
    const backend = await startTestBackend({
      features: [
        hostPlugin(s => {
          service = s;
        }),
        mockServices.rootConfig.factory({ data: { platform: { defaults } } }),
      ],
    });
    await expect(
      service!.getDefaults({ kind: 'Bucket', tenant: 'payments' }),
    ).resolves.toEqual({
      platform: defaults.platform.Bucket,
      tenant: defaults.tenants.payments.Bucket,
    });
    await backend.stop();
  });

  it('refuses to start when the defaults are invalid', async () => {
    await expect(
      startTestBackend({
        features: [
          hostPlugin(() => {}),
          mockServices.rootConfig.factory({
            data: {
              platform: {
                defaults: {
                  platform: { Bucket: { metadata: { namespace: 'other' } } },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'platform.defaults.platform.Bucket.metadata.namespace cannot be a default',
    );
  });

  it('lets a module wrap the config source through the extension point', async () => {
    let service: PlatformDefaultsService | undefined;
    const wrapper = createBackendModule({
      pluginId: 'platform',
      moduleId: 'extra-defaults',
      register(env) {
        env.registerInit({
          deps: { point: platformDefaultsExtensionPoint },
          async init({ point }) {
            point.setDefaultsSource(({ getDefault }) => ({
              async getDefaults(query) {
                const layers = await getDefault().getDefaults(query);
                return {
                  ...layers,
                  environment: { spec: { parameters: { versioning: false } } },
                };
              },
            }));
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        hostPlugin(s => {
          service = s;
        }),
        wrapper,
        mockServices.rootConfig.factory({ data: { platform: { defaults } } }),
      ],
    });
    await expect(
      service!.getDefaults({ kind: 'Bucket', environment: 'production' }),
    ).resolves.toEqual({
      platform: defaults.platform.Bucket,
      environment: { spec: { parameters: { versioning: false } } },
    });
    expect(() => service!.setSource({ getDefaults: async () => ({}) })).toThrow(
      'already been set',
    );
    await backend.stop();
  });
});
