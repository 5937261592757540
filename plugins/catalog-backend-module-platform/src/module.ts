import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PlatformApiClient } from '@fractal/backstage-plugin-platform-node';
import { readPlatformProviderConfig } from './config/readPlatformProviderConfig';
import { PlatformEntityProvider } from './provider/PlatformEntityProvider';

/**
 * Catalog module that provides Fractal's platform resources as `Resource`
 * entities owned by their tenants, platform kinds as `API` entities, and a
 * scaffolder `Template` for each kind without a hand-written one.
 *
 * @public
 */
export const catalogModulePlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        auth,
        discovery,
        lifecycle,
        events,
        catalog,
        processing,
      }) {
        const providerConfig = readPlatformProviderConfig(config);
        const provider = new PlatformEntityProvider({
          client: new PlatformApiClient({ discovery, auth }),
          auth,
          logger,
          events,
          catalog,
          config: providerConfig,
          taskRunner: scheduler.createScheduledTaskRunner(providerConfig.schedule),
        });
        lifecycle.addShutdownHook(() => provider.stop());
        processing.addEntityProvider(provider);
      },
    });
  },
});
