import { InputError } from '@backstage/errors';
import {
  selectTenantNamespace,
  tenantNamespace,
  type NamespaceInfo,
  type PlatformKind,
  type TenantMapping,
} from '@fractal/backstage-plugin-platform-common';

/**
 * The platform kind a request names, from the backend's kind cache: by kind
 * name (`<group>/<Kind>` when several groups offer it), optionally pinned to
 * a version, served by the target cluster, with a schema. `InputError`
 * naming `kind` otherwise — the same rules as the scaffolder actions.
 */
export function findPreviewKind(
  kinds: readonly PlatformKind[],
  request: { kind: string; apiVersion?: string },
  cluster: string,
): PlatformKind & { schema: NonNullable<PlatformKind['schema']> } {
  const slash = request.kind.lastIndexOf('/');
  const kind = slash < 0 ? request.kind : request.kind.slice(slash + 1);
  let group = slash < 0 ? undefined : request.kind.slice(0, slash);
  let version: string | undefined;
  if (request.apiVersion !== undefined) {
    const parts = request.apiVersion.split('/');
    if (parts.length !== 2) {
      throw new InputError(
        `apiVersion: '${request.apiVersion}' must be <group>/<version>`,
      );
    }
    if (group !== undefined && group !== parts[0]) {
      throw new InputError(
        `apiVersion: group '${parts[0]}' does not match kind '${request.kind}'`,
      );
    }
    [group, version] = parts;
  }
  const served = kinds.filter(k => k.clusters.includes(cluster));
  const matches = served.filter(
    k =>
      k.kind === kind &&
      (group === undefined || k.group === group) &&
      (version === undefined || k.version === version),
  );
  if (matches.length > 1) {
    throw new InputError(
      `kind: '${request.kind}' is offered by several groups (${matches
        .map(m => m.group)
        .join(', ')}); write it as <group>/${kind}`,
    );
  }
  const [found] = matches;
  if (!found) {
    throw new InputError(
      `kind: '${
        request.kind
      }' is not a platform kind served by cluster '${cluster}' (offered: ${
        served
          .map(k => k.kind)
          .sort()
          .join(', ') || 'none'
      })`,
    );
  }
  const { schema } = found;
  if (!schema) {
    throw new InputError(
      `kind: ${found.kind} has no openAPIV3Schema in its CRD, so its input cannot be validated`,
    );
  }
  return { ...found, schema };
}

/**
 * The namespace the actions would choose for a tenant, chosen by the same
 * rules (`selectTenantNamespace`) from the namespaces the informers have seen
 * in the cluster. When none of them belongs to the tenant (a cluster not
 * listed yet), the pattern's name stands in; the actions check that it
 * exists when they run.
 */
export function previewNamespace(
  tenant: string,
  namespaces: readonly NamespaceInfo[],
  mapping: TenantMapping,
): string {
  const byPattern = tenantNamespace(tenant, mapping.namespacePattern);
  const known = namespaces.some(
    ns =>
      ns.name === byPattern || ns.labels?.[mapping.namespaceLabel] === tenant,
  );
  const candidates = known
    ? namespaces
    : [...namespaces, { name: byPattern, labels: {} }];
  return selectTenantNamespace(tenant, candidates, mapping);
}
