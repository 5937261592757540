import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import type {
  PlatformCluster,
  PlatformClusterConnection,
  PlatformClusterPurpose,
} from './PlatformCluster';
import type { PlatformClustersService } from './PlatformClustersService';
import {
  readPlatformClusters,
  type ReadPlatformClustersOptions,
} from './readPlatformClusters';

/**
 * The default {@link PlatformClustersService}: a fixed set of clusters read
 * and validated from config at construction.
 *
 * @public
 */
export class ConfigPlatformClustersService implements PlatformClustersService {
  static fromConfig(
    config: Config,
    options?: ReadPlatformClustersOptions,
  ): ConfigPlatformClustersService {
    return new ConfigPlatformClustersService(
      readPlatformClusters(config, options),
    );
  }

  private readonly byName: Map<string, PlatformClusterConnection>;

  constructor(private readonly clusters: PlatformClusterConnection[]) {
    this.byName = new Map(clusters.map(c => [c.name, c]));
  }

  async listClusters(): Promise<PlatformCluster[]> {
    return this.clusters.map(({ name, url, environment, source }) => ({
      name,
      url,
      environment,
      source,
    }));
  }

  async getKubeConfig(
    cluster: string,
    purpose: PlatformClusterPurpose = 'read',
  ): Promise<KubeConfig> {
    const connection = this.byName.get(cluster);
    if (!connection) {
      throw new NotFoundError(`No cluster named '${cluster}' is configured`);
    }
    return connection.kubeConfigs[purpose];
  }

  async getObjectsApi(
    cluster: string,
    purpose: PlatformClusterPurpose = 'read',
  ): Promise<KubernetesObjectApi> {
    return KubernetesObjectApi.makeApiClient(
      await this.getKubeConfig(cluster, purpose),
    );
  }
}
