import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { PlatformClustersService } from '../clusters/PlatformClustersService';

/**
 * A cluster source, or a factory that receives the default source (from
 * {@link platformClustersServiceRef}) so it can wrap or extend it.
 *
 * @public
 */
export type PlatformClusterSourceFactory =
  | PlatformClustersService
  | ((options: {
      getDefault: () => PlatformClustersService;
    }) => PlatformClustersService);

/**
 * The interface of {@link platformClusterSourceExtensionPoint}.
 *
 * @public
 */
export interface PlatformClusterSourceExtensionPoint {
  /** Replaces the clusters the platform backend watches. Only one source may be set. */
  setClusterSource(source: PlatformClusterSourceFactory): void;
}

/**
 * Lets a backend module of the `platform` plugin supply the clusters the
 * backend's informers watch, instead of (or wrapping) the configured ones.
 * This affects the platform backend only; to change the clusters of every
 * plugin (the scaffolder actions too), override {@link platformClustersServiceRef}.
 *
 * @public
 */
export const platformClusterSourceExtensionPoint =
  createExtensionPoint<PlatformClusterSourceExtensionPoint>({
    id: 'platform.cluster-source',
  });
