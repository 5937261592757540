import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';

/** Connection settings for one cluster and one identity. @internal */
export interface KubeConfigSpec {
  cluster: string;
  server: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  token: string;
  /** Suffix of the user name inside the KubeConfig, e.g. `read`. */
  user: string;
}

/** Builds a KubeConfig with one cluster, one token user and one current context. @internal */
export function createKubeConfig(spec: KubeConfigSpec): KubeConfig {
  const kc = new KubeConfig();
  const userName = `${spec.cluster}-${spec.user}`;
  kc.loadFromOptions({
    clusters: [
      {
        name: spec.cluster,
        server: spec.server,
        caData: spec.caData,
        caFile: spec.caFile,
        skipTLSVerify: spec.skipTLSVerify,
      },
    ],
    users: [{ name: userName, token: spec.token }],
    contexts: [{ name: spec.cluster, cluster: spec.cluster, user: userName }],
    currentContext: spec.cluster,
  });
  return kc;
}

/**
 * Loads a kubeconfig file and selects a context. Errors name the config key.
 * @internal
 */
export function loadKubeConfigFile(
  path: string,
  context: string | undefined,
  key: string,
): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (error) {
    throw new InputError(
      `${key}.path: cannot read kubeconfig '${path}': ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map(c => c.name);
      throw new InputError(
        `${key}.context: context '${context}' not found in '${path}' (contexts: ${
          known.join(', ') || 'none'
        })`,
      );
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw new InputError(
      `${key}: '${path}' has no current context with a cluster; set ${key}.context`,
    );
  }
  return kc;
}

/** Replaces the user of a KubeConfig's current context with a token user. @internal */
export function withToken(
  kc: KubeConfig,
  cluster: string,
  token: string,
  user: string,
): KubeConfig {
  const current = kc.getCurrentCluster();
  if (!current) {
    throw new InputError(`cluster '${cluster}' has no current cluster`);
  }
  return createKubeConfig({
    cluster,
    server: current.server,
    caData: current.caData,
    caFile: current.caFile,
    skipTLSVerify: current.skipTLSVerify,
    token,
    user,
  });
}
