import {
  namespaceNameMatcher,
  validateNamespacePattern,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject } from '../cache/ResourceChange';

/** How namespaces map to tenants. */
export interface NamespaceTenantsOptions {
  /** Namespace label naming the tenant, e.g. `fractal.dev/tenant`. */
  namespaceLabel: string;
  /**
   * Name pattern with `{{name}}`, e.g. `tenant-{{name}}`, used when the label
   * is absent (the same rules as platform-common's `tenantOfNamespace`).
   */
  namespacePattern: string;
}

/**
 * Maps each cluster's namespaces to tenants: the namespace's tenant label,
 * else the name pattern. Only namespaces decide; the tenant label of a
 * resource itself is never used for access. A namespace the informer has not
 * seen (yet) is mapped by its name alone.
 */
export class NamespaceTenants {
  /** Per cluster: every namespace seen, with its tenant label ('' when none). */
  private readonly seen = new Map<string, Map<string, string>>();
  private readonly tenantOfName: (name: string) => string | undefined;

  constructor(private readonly options: NamespaceTenantsOptions) {
    const problems = validateNamespacePattern(options.namespacePattern);
    if (problems.length > 0) {
      throw new Error(
        `platform.tenants.namespacePattern '${
          options.namespacePattern
        }' ${problems.join(' and ')}`,
      );
    }
    this.tenantOfName = namespaceNameMatcher(options.namespacePattern);
  }

  /** The tenant of a namespace, or undefined (cluster-scoped objects have none). */
  tenantOf(cluster: string, namespace: string | undefined): string | undefined {
    if (!namespace) return undefined;
    const label = this.seen.get(cluster)?.get(namespace);
    if (label) return label;
    return this.tenantOfName(namespace);
  }

  /**
   * Records a namespace as watched. Returns true when its tenant changed.
   */
  set(cluster: string, namespace: KubeObject): boolean {
    const name = namespace.metadata.name;
    const before = this.tenantOf(cluster, name);
    const label = namespace.metadata.labels?.[this.options.namespaceLabel];
    let byName = this.seen.get(cluster);
    if (!byName) {
      byName = new Map();
      this.seen.set(cluster, byName);
    }
    byName.set(name, label ?? '');
    return this.tenantOf(cluster, name) !== before;
  }

  /** Forgets a deleted namespace. Returns true when its tenant changed. */
  delete(cluster: string, name: string): boolean {
    const before = this.tenantOf(cluster, name);
    this.seen.get(cluster)?.delete(name);
    return this.tenantOf(cluster, name) !== before;
  }

  deleteCluster(cluster: string): void {
    this.seen.delete(cluster);
  }

  /** The mapping in force (namespace label and name pattern). */
  get mapping(): NamespaceTenantsOptions {
    return this.options;
  }

  /**
   * Every namespace of a cluster the informer has seen, with its tenant label
   * when it has one: what the scaffolder actions choose a namespace from.
   */
  namespaces(
    cluster: string,
  ): Array<{ name: string; labels: Record<string, string> }> {
    return [...(this.seen.get(cluster) ?? [])].map(([name, tenant]) => ({
      name,
      labels: tenant ? { [this.options.namespaceLabel]: tenant } : {},
    }));
  }
}
