import { InputError } from '@backstage/errors';
import type { PlatformCluster } from '@fractal/backstage-plugin-platform-node';

/**
 * The target cluster and environment of a request: the named cluster (whose
 * environment must match a given one), else the first configured cluster of
 * the given environment, else the first configured cluster. Throws an
 * `InputError` naming `cluster` or `environment`.
 */
export function selectCluster(
  clusters: readonly PlatformCluster[],
  request: { cluster?: string; environment?: string },
): { cluster: PlatformCluster; environment: string } {
  const { cluster: name, environment } = request;
  let chosen: PlatformCluster | undefined;
  if (name !== undefined) {
    chosen = clusters.find(c => c.name === name);
    if (!chosen) {
      throw new InputError(
        `cluster: no cluster named '${name}' is configured (known: ${
          clusters.map(c => c.name).join(', ') || 'none'
        })`,
      );
    }
    if (
      environment !== undefined &&
      chosen.environment !== undefined &&
      chosen.environment !== environment
    ) {
      throw new InputError(
        `environment: cluster '${chosen.name}' serves '${chosen.environment}', not '${environment}'`,
      );
    }
  } else if (environment !== undefined) {
    chosen = clusters.find(c => c.environment === environment);
    if (!chosen) {
      throw new InputError(
        `environment: no cluster serves '${environment}' (known: ${
          [...new Set(clusters.flatMap(c => c.environment ?? []))].join(', ') ||
          'none'
        })`,
      );
    }
  } else {
    chosen = clusters[0];
    if (!chosen) {
      throw new InputError('cluster: no clusters are configured');
    }
  }
  const resolved = chosen.environment ?? environment;
  if (resolved === undefined) {
    throw new InputError(
      `environment: required, because cluster '${chosen.name}' has no configured environment`,
    );
  }
  return { cluster: chosen, environment: resolved };
}
