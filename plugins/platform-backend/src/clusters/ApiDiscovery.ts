import type { Clock } from '../informers/Clock';
import { KubeApiError } from '../informers/KubeApiError';
import type { KubeTransport } from '../informers/KubeTransport';

/** Where a kind is served. */
export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Collection path across all namespaces. */
  path: string;
}

interface DiscoveryDocument {
  resources?: Array<{ name?: unknown; kind?: unknown; namespaced?: unknown }>;
}

/** Collection path of a resource across all namespaces. */
export function collectionPath(
  group: string,
  version: string,
  plural: string,
): string {
  return group
    ? `/apis/${group}/${version}/${plural}`
    : `/api/${version}/${plural}`;
}

/**
 * Resolves a kind to its plural through API discovery
 * (`/apis/{group}/{version}`), once per group version. Used in the background
 * when a reference names a kind not watched yet; never on a read. A failed or
 * kind-less answer is asked again only after `retryAfterMs`.
 */
export class ApiDiscovery {
  private readonly documents = new Map<
    string,
    { at: number; document: Promise<DiscoveryDocument> }
  >();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly transport: KubeTransport,
    private readonly clock: Clock,
    private readonly retryAfterMs = 30_000,
  ) {}

  async resolve(
    apiVersion: string,
    kind: string,
  ): Promise<ServedResource | undefined> {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/', 2)
      : ['', apiVersion];
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const now = this.clock.now();
    const failedAt = this.failures.get(path);
    if (failedAt !== undefined && now - failedAt < this.retryAfterMs) {
      throw new KubeApiError(`API discovery of ${path} failed recently`);
    }
    let entry = this.documents.get(path);
    if (!entry) {
      entry = {
        at: now,
        document: this.transport.get(path) as Promise<DiscoveryDocument>,
      };
      this.documents.set(path, entry);
    }
    let document: DiscoveryDocument;
    try {
      document = await entry.document;
    } catch (error) {
      if (this.documents.get(path) === entry) this.documents.delete(path);
      this.failures.set(path, this.clock.now());
      throw error;
    }
    this.failures.delete(path);
    const found = document.resources?.find(
      r =>
        r.kind === kind && typeof r.name === 'string' && !r.name.includes('/'),
    );
    if (!found) {
      // The kind may be served later (a CRD created after this answer).
      if (now - entry.at >= this.retryAfterMs) this.documents.delete(path);
      return undefined;
    }
    const plural = found.name as string;
    return {
      group,
      version,
      kind,
      plural,
      namespaced: found.namespaced === true,
      path: collectionPath(group, version, plural),
    };
  }
}
