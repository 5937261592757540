import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DEFAULT_TENANT_MAPPING,
  type NamespaceInfo,
  type TenantMapping,
} from './TenantMapping';
import { tenantNamespace, tenantOfNamespace } from './tenantNamespace';

/**
 * The namespace of a cluster a tenant's new resources go into, chosen from
 * the cluster's namespaces by the mapping alone (never from user input):
 *
 * 1. the namespace the pattern names, when it belongs to the tenant;
 * 2. else the only namespace labelled for the tenant;
 * 3. several labelled and none named by the pattern: `ConflictError`;
 * 4. none: `NotFoundError` (Fractal never creates namespaces).
 *
 * A namespace named by the pattern but labelled for another tenant belongs to
 * that other tenant and is never chosen.
 * @public
 */
export function selectTenantNamespace(
  tenant: string,
  namespaces: readonly NamespaceInfo[],
  mapping: TenantMapping = DEFAULT_TENANT_MAPPING,
): string {
  const expected = tenantNamespace(tenant, mapping.namespacePattern);
  const owned = namespaces
    .filter(ns => tenantOfNamespace(ns, mapping) === tenant)
    .map(ns => ns.name)
    .sort();
  if (owned.includes(expected)) return expected;
  if (owned.length === 1) return owned[0];
  if (owned.length > 1) {
    throw new ConflictError(
      `tenant '${tenant}' has several namespaces (${owned.join(
        ', ',
      )}) and none is named '${expected}'; label exactly one with ${
        mapping.namespaceLabel
      }=${tenant} or create '${expected}'`,
    );
  }
  throw new NotFoundError(
    `tenant '${tenant}' has no namespace: expected one labelled ${mapping.namespaceLabel}=${tenant} or named '${expected}'`,
  );
}
