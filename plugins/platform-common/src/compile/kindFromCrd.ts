import type { JsonObject } from '../api/types';
import { isJsonObject } from './provenance';
import type { PlatformKindDefinition } from './types';

/**
 * Reads a {@link PlatformKindDefinition} from a CustomResourceDefinition
 * object (`apiextensions.k8s.io/v1`): the named version, or else the storage
 * version, or else the first served one. Returns `undefined` when the CRD
 * lacks the parts compile needs.
 * @public
 */
export function kindFromCrd(
  crd: JsonObject,
  version?: string,
): PlatformKindDefinition | undefined {
  const spec = isJsonObject(crd.spec) ? crd.spec : undefined;
  const names = spec && isJsonObject(spec.names) ? spec.names : undefined;
  const versions = Array.isArray(spec?.versions)
    ? spec.versions.filter(isJsonObject)
    : [];
  const chosen =
    versions.find(v => v.name === version) ??
    (version === undefined
      ? versions.find(v => v.storage === true && v.served !== false) ??
        versions.find(v => v.served !== false)
      : undefined);
  const schemaHolder =
    chosen && isJsonObject(chosen.schema) ? chosen.schema : undefined;
  const schema =
    schemaHolder && isJsonObject(schemaHolder.openAPIV3Schema)
      ? schemaHolder.openAPIV3Schema
      : undefined;
  if (
    !spec ||
    !names ||
    !chosen ||
    !schema ||
    typeof spec.group !== 'string' ||
    typeof chosen.name !== 'string' ||
    typeof names.kind !== 'string' ||
    typeof names.plural !== 'string' ||
    (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
  ) {
    return undefined;
  }
  return {
    group: spec.group,
    version: chosen.name,
    kind: names.kind,
    plural: names.plural,
    scope: spec.scope,
    schema,
  };
}
