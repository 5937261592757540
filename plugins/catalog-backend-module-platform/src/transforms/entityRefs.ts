import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * A full entity ref (`kind:namespace/name`) for `ref`, filling in the default
 * kind and the `default` namespace; undefined when `ref` is not a ref the
 * catalog would accept, so a bad value on a cluster object never makes an
 * entity fail validation.
 */
export function normalizeEntityRef(
  ref: string | undefined,
  defaultKind: string,
): string | undefined {
  if (!ref) {
    return undefined;
  }
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: 'default',
    });
    const valid =
      KubernetesValidatorFunctions.isValidObjectName(parsed.name) &&
      KubernetesValidatorFunctions.isValidNamespace(parsed.namespace) &&
      /^[a-zA-Z][a-zA-Z0-9]*$/.test(parsed.kind);
    return valid ? stringifyEntityRef(parsed) : undefined;
  } catch {
    // parseEntityRef throws on malformed refs; such a ref is simply not used.
    return undefined;
  }
}

/** `group:default/<tenant>` when the tenant is a valid entity name. */
export function tenantGroupRef(tenant: string | undefined): string | undefined {
  if (!tenant || !KubernetesValidatorFunctions.isValidObjectName(tenant)) {
    return undefined;
  }
  return stringifyEntityRef({ kind: 'group', namespace: 'default', name: tenant });
}
