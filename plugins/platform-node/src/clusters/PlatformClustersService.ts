import type { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import type {
  PlatformCluster,
  PlatformClusterPurpose,
} from './PlatformCluster';

/**
 * The clusters Fractal watches and provisions into, with a configured
 * Kubernetes client per cluster and purpose.
 *
 * @public
 */
export interface PlatformClustersService {
  /** Every configured cluster, in configuration order. */
  listClusters(): Promise<PlatformCluster[]>;
  /**
   * A {@link @kubernetes/client-node#KubeConfig} whose current context is the
   * cluster, with the credentials of the purpose (default `read`). Throws
   * `NotFoundError` for an unknown cluster.
   */
  getKubeConfig(
    cluster: string,
    purpose?: PlatformClusterPurpose,
  ): Promise<KubeConfig>;
  /** A generic object client for the cluster and purpose (default `read`). */
  getObjectsApi(
    cluster: string,
    purpose?: PlatformClusterPurpose,
  ): Promise<KubernetesObjectApi>;
}
