import type { KubeConfig } from '@kubernetes/client-node';

/**
 * What a cluster is used for: `read` (informers, read-only account) or
 * `provision` (server-side apply by the scaffolder actions).
 *
 * @public
 */
export type PlatformClusterPurpose = 'read' | 'provision';

/**
 * A configured cluster, without its credentials.
 *
 * @public
 */
export interface PlatformCluster {
  /** Unique name, used in API routes and entity annotations. */
  name: string;
  /** API server URL. */
  url: string;
  /** Environment the cluster serves, e.g. `development` or `production`. */
  environment?: string;
  /** Where the cluster was configured, e.g. `platform.clusters[0]`. */
  source: string;
}

/**
 * A cluster with a {@link @kubernetes/client-node#KubeConfig} per purpose.
 *
 * @public
 */
export interface PlatformClusterConnection extends PlatformCluster {
  kubeConfigs: Record<PlatformClusterPurpose, KubeConfig>;
}
