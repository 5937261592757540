import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  PlatformDefaultsService,
  PlatformDefaultsSourceFactory,
} from './PlatformDefaultsService';

/**
 * The interface of {@link platformDefaultsExtensionPoint}.
 *
 * @public
 */
export interface PlatformDefaultsExtensionPoint {
  /**
   * Replaces the config defaults source, or wraps it when given a
   * `({ getDefault }) => source` factory. Only one module may set it.
   */
  setDefaultsSource(source: PlatformDefaultsSourceFactory): void;
}

/**
 * Lets a backend module of the `platform` plugin supply the layered defaults
 * from elsewhere (a database, a ConfigMap, another service) instead of, or on
 * top of, `platform.defaults` in config. The source is installed into the
 * root {@link platformDefaultsServiceRef}, so the scaffolder actions in the
 * same backend compile with it too.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { defaults: platformDefaultsExtensionPoint },
 *   async init({ defaults }) {
 *     defaults.setDefaultsSource(({ getDefault }) => ({
 *       async getDefaults(query) {
 *         const layers = await getDefault().getDefaults(query);
 *         return { ...layers, tenant: await lookUpTenantDefaults(query) };
 *       },
 *     }));
 *   },
 * });
 * ```
 *
 * @public
 */
export const platformDefaultsExtensionPoint =
  createExtensionPoint<PlatformDefaultsExtensionPoint>({
    id: 'platform.defaults-source',
  });

/**
 * The platform backend's side of {@link platformDefaultsExtensionPoint}:
 * register `extensionPoint` in the plugin's `register`, then call
 * `installInto(defaults)` in its `init` (modules have run by then).
 *
 * @public
 */
export function createPlatformDefaultsExtension(): {
  extensionPoint: PlatformDefaultsExtensionPoint;
  installInto(service: PlatformDefaultsService): void;
} {
  let source: PlatformDefaultsSourceFactory | undefined;
  return {
    extensionPoint: {
      setDefaultsSource(next) {
        if (source) {
          throw new ConflictError(
            'platformDefaultsExtensionPoint: a defaults source has already been set',
          );
        }
        source = next;
      },
    },
    installInto(service) {
      if (source) service.setSource(source);
    },
  };
}
