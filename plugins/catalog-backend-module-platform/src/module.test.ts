import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import {
  catalogProcessingExtensionPoint,
  type EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModulePlatform } from './module';

function startWith(config: JsonObject) {
  const providers: EntityProvider[] = [];
  const processing = {
    addEntityProvider: (...added: Array<EntityProvider | EntityProvider[]>) => {
      providers.push(...added.flat());
    },
    addProcessor: jest.fn(),
    addPlaceholderResolver: jest.fn(),
    setOnProcessingErrorHandler: jest.fn(),
  };
  const backend = startTestBackend({
    extensionPoints: [[catalogProcessingExtensionPoint, processing]],
    features: [
      catalogModulePlatform,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return { backend, providers };
}

describe('catalogModulePlatform', () => {
  it('registers the platform entity provider with the default config', async () => {
    const { backend, providers } = startWith({});
    const started = await backend;
    expect(providers.map(p => p.getProviderName())).toEqual([
      'PlatformEntityProvider',
    ]);
    await started.stop();
  });

  it('registers it with a valid config', async () => {
    const { backend, providers } = startWith({
      catalog: {
        providers: {
          platform: {
            schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
            kinds: { owner: 'group:default/platform-team' },
          },
        },
      },
    });
    const started = await backend;
    expect(providers).toHaveLength(1);
    await started.stop();
  });

  it.each<[string, JsonObject]>([
    ['schedule', { schedule: { frequency: { minutes: 1 } } }],
    ['fallbackOwner', { fallbackOwner: 'not a ref' }],
    ['kinds.enabled', { kinds: { enabled: 'maybe' } }],
  ])('refuses to start with a broken %s', async (key, platform) => {
    const { backend, providers } = startWith({
      catalog: { providers: { platform } },
    });
    await expect(backend).rejects.toThrow(
      `Invalid config at catalog.providers.platform.${key}`,
    );
    expect(providers).toHaveLength(0);
  });
});
