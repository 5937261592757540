import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ConfigPlatformDefaultsSource } from './ConfigPlatformDefaultsSource';
import {
  DefaultPlatformDefaultsService,
  type PlatformDefaultsService,
} from './PlatformDefaultsService';

/**
 * The layered defaults (`platform.defaults`), root-scoped so the scaffolder
 * actions and the platform backend's compile endpoint compile with the same
 * defaults. The default factory reads and validates the config at startup;
 * invalid defaults stop the backend with a message naming the key. A module
 * of the platform plugin can replace or wrap the source through
 * `platformDefaultsExtensionPoint`; to replace it everywhere without the
 * platform backend, override this service's factory.
 *
 * @public
 */
export const platformDefaultsServiceRef =
  createServiceRef<PlatformDefaultsService>({
    id: 'platform.defaults',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory({ config }) {
          return new DefaultPlatformDefaultsService(
            ConfigPlatformDefaultsSource.fromConfig(config),
          );
        },
      }),
  });
