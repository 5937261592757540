import { InputError } from '@backstage/errors';

/** A cluster as target selection needs it. @public */
export interface TargetClusterCandidate {
  name: string;
  environment?: string;
}

/**
 * The cluster and environment a request's resource goes to, chosen the same
 * way by the scaffolder actions and the compile preview: the named cluster
 * (whose environment must match a given one), else the first configured
 * cluster of the given environment, else the first configured cluster.
 * Throws an `InputError` naming `cluster` or `environment`.
 * @public
 */
export function selectTargetCluster<T extends TargetClusterCandidate>(
  clusters: readonly T[],
  request: { cluster?: string; environment?: string },
): { cluster: T; environment: string } {
  const { cluster: name, environment } = request;
  let chosen: T | undefined;
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
