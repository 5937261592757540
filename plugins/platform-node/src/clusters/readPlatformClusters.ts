import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { PlatformClusterConnection } from './PlatformCluster';
import { readClusterEntry } from './readClusterEntry';

/** Options of {@link readPlatformClusters}. @public */
export interface ReadPlatformClustersOptions {
  /** Directory relative paths (caFile, kubeconfig) resolve against. Default `process.cwd()`. */
  cwd?: string;
  /** Receives non-fatal findings, e.g. a skipped kubernetes plugin cluster. */
  warn?: (message: string) => void;
}

function readKubernetesFallback(
  config: Config,
  options: ReadPlatformClustersOptions,
): PlatformClusterConnection[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: PlatformClusterConnection[] = [];
  methods.forEach((method, i) => {
    if (method.getOptionalString('type') !== 'config') {
      return;
    }
    const entries = method.getOptionalConfigArray('clusters') ?? [];
    entries.forEach((entry, j) => {
      const key = `kubernetes.clusterLocatorMethods[${i}].clusters[${j}]`;
      const authProvider = entry.getOptionalString('authProvider');
      if (authProvider !== undefined && authProvider !== 'serviceAccount') {
        options.warn?.(
          `${key} uses authProvider '${authProvider}'; Fractal needs a service account token and skips this cluster (configure it under platform.clusters)`,
        );
        return;
      }
      if (!entry.has('serviceAccountToken')) {
        options.warn?.(
          `${key} has no serviceAccountToken; Fractal skips this cluster (configure it under platform.clusters)`,
        );
        return;
      }
      clusters.push(
        readClusterEntry(entry, {
          key,
          cwd: options.cwd,
          warn: options.warn,
          ignoreUnknownKeys: true,
        }),
      );
    });
  });
  return clusters;
}

/**
 * Reads `platform.clusters`, or else the `kubernetes.clusterLocatorMethods`
 * clusters of type `config`, and validates them. Throws an `InputError` naming
 * the offending key for any invalid entry.
 *
 * @public
 */
export function readPlatformClusters(
  config: Config,
  options: ReadPlatformClustersOptions = {},
): PlatformClusterConnection[] {
  const entries = config.getOptionalConfigArray('platform.clusters');
  const clusters = entries
    ? entries.map((entry, i) =>
        readClusterEntry(entry, {
          key: `platform.clusters[${i}]`,
          cwd: options.cwd,
          warn: options.warn,
        }),
      )
    : readKubernetesFallback(config, options);

  const seen = new Map<string, string>();
  for (const cluster of clusters) {
    const previous = seen.get(cluster.name);
    if (previous) {
      throw new InputError(
        `${cluster.source}.name '${cluster.name}' is already used by ${previous}`,
      );
    }
    seen.set(cluster.name, cluster.source);
  }
  return clusters;
}
