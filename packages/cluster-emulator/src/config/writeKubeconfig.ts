import { promises as fs } from 'node:fs';
import { stringify } from 'yaml';
import { Identity } from '../auth/identities';

/** A cluster entry of the kubeconfig. */
export interface KubeconfigCluster {
  name: string;
  url: string;
}

/**
 * Writes a kubeconfig: one cluster and one context per emulated cluster,
 * one user per identity, current context the first cluster as `admin`.
 */
export async function writeKubeconfig(
  path: string,
  clusters: KubeconfigCluster[],
  caPem: string,
  identities: Identity[],
  currentContext: string | undefined,
): Promise<void> {
  const caData = Buffer.from(caPem).toString('base64');
  const admin = identities.find(i => i.role === 'admin') ?? identities[0];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': caData },
    })),
    users: identities.map(i => ({ name: i.name, user: { token: i.token } })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: admin?.name ?? '' },
    })),
    'current-context': currentContext ?? clusters[0]?.name ?? '',
  };
  await fs.writeFile(path, stringify(config), { mode: 0o600 });
}
