import { InputError } from '@backstage/errors';
import type {
  PlatformCluster,
  PlatformClustersService,
} from '@fractal/backstage-plugin-platform-node';
import { HttpPlatformClusterClient } from './HttpPlatformClusterClient';
import type { PlatformClusterClient } from './types';

/**
 * The clusters the actions may provision into, each with a client that uses
 * the cluster's provisioning credentials.
 */
export interface ClusterDirectory {
  listClusters(): Promise<PlatformCluster[]>;
  /** The cluster by name; `InputError` naming the `cluster` input when unknown. */
  getCluster(name: string): Promise<PlatformCluster>;
  client(cluster: string): Promise<PlatformClusterClient>;
}

/** {@link ClusterDirectory} over `platformClustersServiceRef`; one client per cluster. */
export class ProvisioningClusterDirectory implements ClusterDirectory {
  private readonly clients = new Map<string, Promise<PlatformClusterClient>>();

  constructor(
    private readonly clusters: PlatformClustersService,
    private readonly createClient: (
      cluster: string,
      clusters: PlatformClustersService,
    ) => Promise<PlatformClusterClient> = async (cluster, service) =>
      new HttpPlatformClusterClient(
        cluster,
        await service.getKubeConfig(cluster, 'provision'),
      ),
  ) {}

  listClusters(): Promise<PlatformCluster[]> {
    return this.clusters.listClusters();
  }

  async getCluster(name: string): Promise<PlatformCluster> {
    const all = await this.clusters.listClusters();
    const found = all.find(c => c.name === name);
    if (!found) {
      throw new InputError(
        `cluster: no cluster named '${name}' is configured (known: ${
          all.map(c => c.name).join(', ') || 'none'
        })`,
      );
    }
    return found;
  }

  client(cluster: string): Promise<PlatformClusterClient> {
    let client = this.clients.get(cluster);
    if (!client) {
      client = this.createClient(cluster, this.clusters);
      this.clients.set(cluster, client);
      client.catch(() => this.clients.delete(cluster));
    }
    return client;
  }
}
