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
 * The namespace the actions would choose for a tenant. The informers record
 * the namespaces labelled with a tenant; a namespace named by the pattern
 * but unlabelled is only known by its name, so it stands in when no
 * namespace is labelled for the tenant (the actions check that it exists
 * when they run, and prefer it also when another one is labelled).
 */
export function previewNamespace(
  tenant: string,
  labelled: readonly NamespaceInfo[],
  mapping: TenantMapping,
): string {
  const byPattern = tenantNamespace(tenant, mapping.namespacePattern);
  const known =
    labelled.some(ns => ns.labels?.[mapping.namespaceLabel] === tenant) ||
    labelled.some(ns => ns.name === byPattern);
  const candidates = known
    ? labelled
    : [...labelled, { name: byPattern, labels: {} }];
  return selectTenantNamespace(tenant, candidates, mapping);
}
