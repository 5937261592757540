/** A page of a Kubernetes LIST. */
export interface KubeListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: unknown[];
}

/** One event of a Kubernetes WATCH. */
export interface KubeWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  object: unknown;
}

/** Query parameters of a list or watch. Undefined values are left out. */
export type KubeQuery = Record<string, string | number | boolean | undefined>;

/**
 * The two calls an informer makes. Errors are {@link KubeApiError}s.
 * Implemented over `@kubernetes/client-node` by `FetchKubeTransport`.
 */
export interface KubeTransport {
  /** Releases kept-alive connections (optional). */
  close?(): void;
  /** A GET of a single document, e.g. API discovery `/apis/{group}/{version}`. */
  get(path: string, signal?: AbortSignal): Promise<unknown>;
  /** One LIST page of a collection path, e.g. `/api/v1/namespaces`. */
  list(
    path: string,
    query: KubeQuery,
    signal?: AbortSignal,
  ): Promise<KubeListPage>;
  /**
   * Opens a WATCH. `onEvent` receives each event in order; `onDone` is called
   * exactly once when the stream ends (undefined: closed normally) or fails.
   * Resolves to a function that closes the watch (then `onDone` is called).
   */
  watch(
    path: string,
    query: KubeQuery,
    onEvent: (event: KubeWatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<() => void>;
}
