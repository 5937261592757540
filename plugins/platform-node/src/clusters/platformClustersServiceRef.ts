import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfigPlatformClustersService } from './ConfigPlatformClustersService';
import type { PlatformClustersService } from './PlatformClustersService';

/**
 * The clusters Fractal uses, root-scoped so the platform backend plugin and
 * the scaffolder module share them. The default factory reads and validates
 * `platform.clusters` (or the kubernetes plugin's config clusters) at startup;
 * invalid config stops the backend with a message naming the key. Replace it
 * with `createServiceFactory({ service: platformClustersServiceRef, ... })` to
 * supply clusters from elsewhere.
 *
 * @public
 */
export const platformClustersServiceRef =
  createServiceRef<PlatformClustersService>({
    id: 'platform.clusters',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
        },
        factory({ config, logger }) {
          const log = logger.child({ service: 'platform.clusters' });
          return ConfigPlatformClustersService.fromConfig(config, {
            warn: message => log.warn(message),
          });
        },
      }),
  });
