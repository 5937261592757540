/**
 * Configuration read by `@fractal/backstage-plugin-platform-node` and the
 * platform backend plugin. Every key Fractal reads under `platform.clusters`,
 * `platform.kinds`, `platform.tenants` and `platform.informers` is declared here.
 */
export interface Config {
  platform?: {
    /**
     * The clusters Fractal watches and provisions into. When absent, the
     * `kubernetes.clusterLocatorMethods` clusters of type `config` are used, so
     * clusters can be configured once for both plugins.
     */
    clusters?: Array<{
      /** Unique name of the cluster, used in API routes and entity annotations. */
      name: string;
      /** API server URL, e.g. `https://127.0.0.1:6443`. Required unless `kubeconfig` is set. */
      url?: string;
      /** Environment the cluster serves (e.g. `development`, `production`), used for defaults. */
      environment?: string;
      /** Only `serviceAccount` (a bearer token) is supported; kept for compatibility with the kubernetes plugin. */
      authProvider?: string;
      /**
       * Bearer token used for reading (informers).
       * @visibility secret
       */
      serviceAccountToken?: string;
      /**
       * Base64-encoded PEM certificate authority of the API server.
       * @visibility secret
       */
      caData?: string;
      /** Path of a PEM certificate authority file, relative to the backend's working directory. */
      caFile?: string;
      /** Skip TLS verification. For local development only. */
      skipTLSVerify?: boolean;
      /** Take server, CA and credentials from a kubeconfig file instead of the keys above. */
      kubeconfig?: {
        /** Path of the kubeconfig file; `~` expands to the home directory. */
        path: string;
        /** Context to use; defaults to the file's current context. */
        context?: string;
      };
      /** Credentials for writes (scaffolder actions). Defaults to the read credentials. */
      provisioning?: {
        /**
         * Bearer token used for server-side apply.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /** A kubeconfig file and context used for writes. */
        kubeconfig?: {
          path: string;
          context?: string;
        };
      };
    }>;

    /** How platform kinds (self-service CRDs) are found. */
    kinds?: {
      /** Label selector on CRDs. Default `fractal.dev/self-service=true`. */
      crdSelector?: string;
      /** Kinds offered even when their CRD is not labelled. */
      include?: Array<{
        group: string;
        version: string;
        kind: string;
        plural: string;
        /** Default `Namespaced`. */
        scope?: 'Namespaced' | 'Cluster';
      }>;
    };

    /** How tenants (catalog Groups) map to namespaces. */
    tenants?: {
      /** `spec.type` of the Groups that are tenants. Default `team`. */
      groupType?: string;
      /** Namespace label naming the tenant. Default `fractal.dev/tenant`. */
      namespaceLabel?: string;
      /** Namespace name pattern used when the label is absent. Default `tenant-{{name}}`. */
      namespacePattern?: string;
      /** How often the tenant Groups are re-read from the catalog. Default 5 minutes. */
      refreshInterval?:
        | string
        | { minutes?: number; seconds?: number; hours?: number };
    };

    /**
     * Layered defaults compiled into every platform resource, lowest
     * precedence first: the CRD schema's own defaults < platform < environment
     * < tenant < the user's input. Each entry is a manifest fragment keyed by
     * platform kind; it may set `spec` and extra `metadata.labels` /
     * `metadata.annotations`, never the name, namespace or Fractal's own keys.
     */
    defaults?: {
      /** Per platform kind, e.g. `PostgreSQLInstance: { spec: { parameters: { version: '16' } } }`. */
      platform?: { [kind: string]: PlatformDefaultsFragment };
      /** Per environment (a cluster's `environment`), then per kind. */
      environments?: {
        [environment: string]: { [kind: string]: PlatformDefaultsFragment };
      };
      /** Per tenant (Group name), then per kind. */
      tenants?: {
        [tenant: string]: { [kind: string]: PlatformDefaultsFragment };
      };
    };

    /** Informer tuning. */
    informers?: {
      /** Full relist interval that heals missed events. Default `10m`. */
      resyncPeriod?:
        | string
        | { minutes?: number; seconds?: number; hours?: number };
      /** Reconnect backoff after an error (capped, jittered, exponential). */
      backoff?: {
        /** Default `1s`. */
        initial?: string | { milliseconds?: number; seconds?: number };
        /** Default `30s`. */
        max?:
          | string
          | { milliseconds?: number; seconds?: number; minutes?: number };
      };
      /** Objects per LIST page. Default 500. */
      pageSize?: number;
      /** Server-side watch timeout; the watch is re-opened after it. Default `5m`. */
      watchTimeout?: string | { minutes?: number; seconds?: number };
      /** Bounds of the Kubernetes Events kept in memory. */
      events?: {
        /** Most recent Events kept per object. Default 20. */
        maxPerObject?: number;
        /** Events kept per cluster. Default 10000. */
        maxPerCluster?: number;
      };
    };
  };

  /** The subset of the Kubernetes plugin's config Fractal falls back to. */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      type: string;
      clusters?: Array<{
        name: string;
        url: string;
        authProvider?: string;
        /** @visibility secret */
        serviceAccountToken?: string;
        /** @visibility secret */
        caData?: string;
        caFile?: string;
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
}

/** A manifest fragment of `platform.defaults`. */
interface PlatformDefaultsFragment {
  spec?: { [key: string]: unknown };
  metadata?: {
    labels?: { [key: string]: string };
    annotations?: { [key: string]: string };
  };
}
