import { LABEL_TENANT } from '../keys';

/**
 * How tenants (catalog Groups) map to namespaces: a namespace belongs to the
 * tenant its label names; a namespace without the label belongs to the tenant
 * whose name the pattern yields.
 * @public
 */
export interface TenantMapping {
  /** Namespace label naming the tenant. Default `fractal.dev/tenant`. */
  namespaceLabel: string;
  /** Namespace name pattern; `{{name}}` stands for the tenant. Default `tenant-{{name}}`. */
  namespacePattern: string;
}

/** @public */
export const DEFAULT_NAMESPACE_PATTERN = 'tenant-{{name}}';

/** @public */
export const DEFAULT_TENANT_MAPPING: TenantMapping = {
  namespaceLabel: LABEL_TENANT,
  namespacePattern: DEFAULT_NAMESPACE_PATTERN,
};

/** A namespace as the mapping needs it. @public */
export interface NamespaceInfo {
  name: string;
  labels?: Record<string, string>;
}
