import { InputError } from '@backstage/errors';
import type { ClusterKind, PlatformClusterClient } from './types';

/** Options of {@link KindLookup}. */
export interface KindLookupOptions {
  crdSelector: string;
  include: Array<{ group: string; plural: string }>;
  /** How long a cluster's kinds are reused. Default 30 s. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Finds platform kinds (CRDs offered for self-service) in a cluster, with a
 * short per-cluster cache so a template run reads the CRDs once.
 */
export class KindLookup {
  private readonly cache = new Map<
    string,
    { at: number; kinds: Promise<ClusterKind[]> }
  >();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: KindLookupOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async list(client: PlatformClusterClient): Promise<ClusterKind[]> {
    const cached = this.cache.get(client.cluster);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.kinds;
    const kinds = client.listKinds({
      labelSelector: this.options.crdSelector,
      include: this.options.include,
    });
    this.cache.set(client.cluster, { at: this.now(), kinds });
    kinds.catch(() => this.cache.delete(client.cluster));
    return kinds;
  }

  /**
   * The platform kind a `kind` input names: `PostgreSQLInstance`, or
   * `platform.fractal.dev/PostgreSQLInstance` when several groups offer the
   * same kind; with `apiVersion`, also its group and version.
   * `InputError` naming the field when no (or more than one) kind matches.
   */
  async find(
    client: PlatformClusterClient,
    kindInput: string,
    apiVersion?: string,
  ): Promise<ClusterKind> {
    const slash = kindInput.lastIndexOf('/');
    const kind = slash < 0 ? kindInput : kindInput.slice(slash + 1);
    let group = slash < 0 ? undefined : kindInput.slice(0, slash);
    let version: string | undefined;
    if (apiVersion !== undefined) {
      const parts = apiVersion.split('/');
      if (parts.length !== 2) {
        throw new InputError(
          `apiVersion: '${apiVersion}' must be <group>/<version>; platform kinds are never in the core group`,
        );
      }
      if (group !== undefined && group !== parts[0]) {
        throw new InputError(
          `apiVersion: group '${parts[0]}' does not match kind '${kindInput}'`,
        );
      }
      [group, version] = parts;
    }
    const all = await this.list(client);
    const matches = all.filter(
      k =>
        k.kind === kind &&
        (group === undefined || k.group === group) &&
        (version === undefined || k.version === version),
    );
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new InputError(
        `kind: '${kindInput}' is offered by several groups (${matches
          .map(m => m.group)
          .join(', ')}); write it as <group>/${kind}`,
      );
    }
    const offered = all.map(k => k.kind).sort();
    throw new InputError(
      `kind: '${kindInput}' is not a platform kind served by cluster '${
        client.cluster
      }' (offered: ${offered.join(', ') || 'none'})`,
    );
  }
}
