import type { PlatformKind } from '@fractal/backstage-plugin-platform-common';
import { kindKey } from './crdToPlatformKind';

type KindDefinition = Omit<PlatformKind, 'clusters' | 'source'>;

/** A kind listed in `platform.kinds.include`. */
export type ConfiguredKind = Pick<
  PlatformKind,
  'group' | 'version' | 'kind' | 'plural' | 'scope'
>;

/**
 * The platform kinds across clusters: those whose CRD matches the selector in
 * some cluster, plus those listed in config. A kind served by several
 * clusters is one entry listing them; its schema comes from the first cluster
 * that served it.
 */
export class KindRegistry {
  /** kindKey -> cluster -> definition seen in that cluster's CRD. */
  private readonly seen = new Map<string, Map<string, KindDefinition>>();
  private readonly configured = new Map<string, ConfiguredKind>();
  private cached: PlatformKind[] | undefined;

  constructor(configured: ConfiguredKind[] = []) {
    for (const kind of configured) {
      this.configured.set(kindKey(kind), kind);
    }
  }

  /** Kinds listed in config. */
  configuredKinds(): ConfiguredKind[] {
    return [...this.configured.values()];
  }

  /** Records that `cluster` serves the kind (from its CRD). */
  set(cluster: string, definition: KindDefinition): void {
    const key = kindKey(definition);
    let byCluster = this.seen.get(key);
    if (!byCluster) {
      byCluster = new Map();
      this.seen.set(key, byCluster);
    }
    byCluster.set(cluster, definition);
    this.cached = undefined;
  }

  /** Records that `cluster` no longer serves the kind. */
  delete(cluster: string, kind: { group: string; kind: string }): void {
    const key = kindKey(kind);
    const byCluster = this.seen.get(key);
    if (byCluster?.delete(cluster) && byCluster.size === 0) {
      this.seen.delete(key);
    }
    this.cached = undefined;
  }

  /** Forgets every kind of a cluster. */
  deleteCluster(cluster: string): void {
    for (const [key, byCluster] of this.seen) {
      byCluster.delete(cluster);
      if (byCluster.size === 0) this.seen.delete(key);
    }
    this.cached = undefined;
  }

  /** The kind as known now, for a cluster's resources. */
  get(kind: { group: string; kind: string }): PlatformKind | undefined {
    return this.list().find(
      k => k.group === kind.group && k.kind === kind.kind,
    );
  }

  /** Every platform kind, sorted by group and kind. */
  list(): PlatformKind[] {
    if (this.cached) return this.cached;
    const out = new Map<string, PlatformKind>();
    for (const [key, byCluster] of this.seen) {
      const [first] = byCluster.values();
      out.set(key, {
        ...first,
        clusters: [...byCluster.keys()].sort(),
        source: this.configured.has(key) ? 'config' : 'crd-selector',
      });
    }
    for (const [key, kind] of this.configured) {
      if (!out.has(key)) {
        out.set(key, {
          ...kind,
          title: kind.kind,
          clusters: [],
          source: 'config',
        });
      }
    }
    this.cached = [...out.values()].sort((a, b) =>
      kindKey(a).localeCompare(kindKey(b)),
    );
    return this.cached;
  }
}
