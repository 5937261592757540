import type {
  JsonObject,
  PlatformKind,
} from '@fractal/backstage-plugin-platform-common';
import { FRACTAL_PREFIX } from '@fractal/backstage-plugin-platform-common';

/** CRD annotation with a short title of the kind. */
export const ANNOTATION_KIND_TITLE = `${FRACTAL_PREFIX}/title`;
/** CRD annotation with a one-line description of the kind. */
export const ANNOTATION_KIND_DESCRIPTION = `${FRACTAL_PREFIX}/description`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of a CustomResourceDefinition Fractal keeps. */
export interface CrdSummary {
  metadata: { uid: string; name: string; resourceVersion?: string };
  kind: Omit<PlatformKind, 'clusters' | 'source'>;
}

/**
 * Reads a CustomResourceDefinition into the kind it serves: the storage
 * version when it is served, else the first served version, with that
 * version's openAPIV3Schema. Returns undefined for a CRD that serves nothing.
 */
export function crdToPlatformKind(raw: unknown): CrdSummary | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata) || !isRecord(raw.spec)) {
    return undefined;
  }
  const { metadata, spec } = raw;
  if (typeof metadata.uid !== 'string' || typeof metadata.name !== 'string') {
    return undefined;
  }
  const names = isRecord(spec.names) ? spec.names : {};
  const versions = Array.isArray(spec.versions)
    ? spec.versions.filter(isRecord)
    : [];
  const served = versions.filter(v => v.served === true);
  const version = served.find(v => v.storage === true) ?? served[0];
  if (
    !version ||
    typeof version.name !== 'string' ||
    typeof spec.group !== 'string' ||
    typeof names.kind !== 'string' ||
    typeof names.plural !== 'string'
  ) {
    return undefined;
  }
  const schemaHolder = isRecord(version.schema) ? version.schema : {};
  const schema = isRecord(schemaHolder.openAPIV3Schema)
    ? (schemaHolder.openAPIV3Schema as JsonObject)
    : undefined;
  const annotations = isRecord(metadata.annotations)
    ? metadata.annotations
    : {};
  const title = annotations[ANNOTATION_KIND_TITLE];
  const description =
    annotations[ANNOTATION_KIND_DESCRIPTION] ?? schema?.description;
  return {
    metadata: {
      uid: metadata.uid,
      name: metadata.name,
      resourceVersion:
        typeof metadata.resourceVersion === 'string'
          ? metadata.resourceVersion
          : undefined,
    },
    kind: {
      group: spec.group,
      version: version.name,
      kind: names.kind,
      plural: names.plural,
      scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
      title: typeof title === 'string' && title ? title : names.kind,
      ...(typeof description === 'string' ? { description } : {}),
      ...(schema ? { schema } : {}),
    },
  };
}

/** `group/kind`: identifies a kind across clusters and versions. */
export function kindKey(kind: { group: string; kind: string }): string {
  return `${kind.group}/${kind.kind}`;
}
