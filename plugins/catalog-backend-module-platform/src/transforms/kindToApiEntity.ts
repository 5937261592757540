import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ApiEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ENTITY_ANNOTATION_KIND,
  type PlatformKind,
} from '@fractal/backstage-plugin-platform-common';
import { stringify } from 'yaml';
import {
  ENTITY_ANNOTATION_API_VERSION,
  ENTITY_ANNOTATION_CLUSTERS,
  platformLocation,
} from '../entityKeys';
import { compact } from './compact';
import { kindToWords, toEntityName, toLabelValue } from './entityName';

/** Options of {@link kindToApiEntity}. */
export interface KindToApiEntityOptions {
  /** Owner of the kind's API entity, a full entity ref. */
  owner: string;
  /** `spec.lifecycle` of the API entity. */
  lifecycle: string;
}

/**
 * The entity name of a kind's API entity: the CRD's name, `<plural>.<group>`
 * (e.g. `postgresqlinstances.platform.fractal.dev`), shortened with a hash
 * past 63 characters.
 */
export function kindApiEntityName(kind: Pick<PlatformKind, 'plural' | 'group'>): string {
  return toEntityName([`${kind.plural}.${kind.group}`], { allowDots: true });
}

/** The full ref of a kind's API entity. */
export function kindApiEntityRef(kind: Pick<PlatformKind, 'plural' | 'group'>): string {
  return stringifyEntityRef({
    kind: 'api',
    namespace: 'default',
    name: kindApiEntityName(kind),
  });
}

/** The kind's title for people: its `fractal.dev/title`, else its name in words. */
export function kindTitle(kind: Pick<PlatformKind, 'title' | 'kind'>): string {
  return kind.title && kind.title !== kind.kind
    ? kind.title
    : kindToWords(kind.kind);
}

/** The kind's openAPIV3Schema as YAML, under a comment naming it. */
export function renderKindDefinition(kind: PlatformKind): string {
  const header = `# ${kind.kind} (${kind.group}/${kind.version}), ${
    kind.scope === 'Cluster' ? 'cluster-scoped' : 'namespaced'
  }: openAPIV3Schema\n`;
  if (!kind.schema) {
    return `${header}# The clusters serving this kind publish no schema for it.\n{}\n`;
  }
  return header + stringify(kind.schema, { lineWidth: 0 });
}

/**
 * A catalog `API` entity of type `crd` for one platform kind, whose definition
 * is the kind's schema: the contract developers can browse before they
 * request an instance.
 */
export function kindToApiEntity(
  kind: PlatformKind,
  options: KindToApiEntityOptions,
): ApiEntity {
  const title = kindTitle(kind);
  const apiVersion = `${kind.group}/${kind.version}`;
  const location = platformLocation(`kinds/${kind.group}/${kind.kind}`);
  const served = kind.clusters.length
    ? ` Served by ${kind.clusters.join(', ')}.`
    : '';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: kindApiEntityName(kind),
      title,
      description: `${
        kind.description ?? `The ${title} platform kind.`
      } Self-service kind ${kind.kind} (${apiVersion}).${served}`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ENTITY_ANNOTATION_KIND]: kind.kind,
        [ENTITY_ANNOTATION_API_VERSION]: apiVersion,
        [ENTITY_ANNOTATION_CLUSTERS]: kind.clusters.join(','),
      },
      labels: compact({ [ENTITY_ANNOTATION_KIND]: toLabelValue(kind.kind) }),
      tags: ['crd', 'platform'],
    },
    spec: {
      type: 'crd',
      lifecycle: options.lifecycle,
      owner: options.owner,
      definition: renderKindDefinition(kind),
    },
  };
}
