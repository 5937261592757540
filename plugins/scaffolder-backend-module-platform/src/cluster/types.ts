import type {
  JsonObject,
  NamespaceInfo,
  ResourceEvent,
} from '@fractal/backstage-plugin-platform-common';

/** A Kubernetes object as JSON, with the fields every object has. */
export type KubeObject = JsonObject & {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
};

/** Identifies one object in one cluster. */
export interface ObjectKey {
  apiVersion: string;
  kind: string;
  /** Resource name in URLs, e.g. `postgresqlinstances`. */
  plural: string;
  namespace?: string;
  name: string;
}

/** A platform kind served by one cluster, with its CRD's schema. */
export interface ClusterKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  /** The served version's openAPIV3Schema. */
  schema?: JsonObject;
  /** The whole CRD, for the compile. */
  crd: JsonObject;
}

/** What a watch reports. */
export type WatchEvent =
  | { type: 'object'; object: KubeObject }
  | { type: 'deleted'; object: KubeObject };

/**
 * The cluster operations the actions use, with the provisioning credentials
 * of one cluster. The one seam between the actions and Kubernetes: tests
 * substitute a recording fake.
 */
export interface PlatformClusterClient {
  readonly cluster: string;
  listNamespaces(): Promise<NamespaceInfo[]>;
  getNamespace(name: string): Promise<NamespaceInfo | undefined>;
  /** CRDs matching the label selector, plus the named ones (config includes). */
  listKinds(options: {
    labelSelector: string;
    include: Array<{ group: string; plural: string }>;
  }): Promise<ClusterKind[]>;
  get(key: ObjectKey): Promise<KubeObject | undefined>;
  /** Server-side apply (`fieldManager`, no force); `dryRun` sends `dryRun=All`. */
  apply(
    key: ObjectKey,
    manifest: JsonObject,
    options: { fieldManager: string; dryRun: boolean },
  ): Promise<KubeObject>;
  /**
   * Watches one object from a resourceVersion until the server closes the
   * watch or `signal` aborts. Resolves when the watch ends; rejects on errors
   * (a 410 Gone rejects with a `NotModifiedError`-free `ConflictError` whose
   * `code` is 410, see `isExpired`).
   */
  watch(
    key: ObjectKey,
    options: { resourceVersion?: string; timeoutSeconds: number },
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /** Events whose involved object is the given one, oldest first. */
  listEvents(involved: {
    namespace?: string;
    name: string;
    kind: string;
    uid?: string;
  }): Promise<ResourceEvent[]>;
}
