import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ResourceEntity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CREATED_VIA,
  ANNOTATION_REQUESTED_BY,
  CREATED_VIA_PORTAL,
  ENTITY_ANNOTATION_KIND,
  ENTITY_ANNOTATION_PLATFORM_RESOURCE,
  LABEL_ENVIRONMENT,
  LABEL_TENANT,
  type PlatformKind,
  type PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import {
  ENTITY_ANNOTATION_API_VERSION,
  ENTITY_ANNOTATION_NAME,
  ENTITY_ANNOTATION_NAMESPACE,
  ENTITY_KEY_CLUSTER,
  platformLocation,
} from '../entityKeys';
import { compact } from './compact';
import { kindToType, toEntityName, toLabelValue } from './entityName';
import { kindTitle as titleOfKind } from './kindToApiEntity';
import { normalizeEntityRef, tenantGroupRef } from './entityRefs';

/** Options of {@link resourceToEntity}. */
export interface ResourceToEntityOptions {
  /** Owner of resources that no tenant owns, a full entity ref. */
  fallbackOwner: string;
  /** The resource's platform kind, when the backend lists it (for the title). */
  kind?: PlatformKind;
  /** Ref of the kind's `API` entity, when the module provides it: the resource depends on it. */
  kindApiEntityRef?: string;
}

/**
 * The entity name of a platform resource: `<cluster>-<namespace>-<kind>-<name>`
 * (the kind as in `spec.type`, so two kinds' objects of one name stay apart),
 * DNS-safe, at most 63 characters, with a short hash when it had to be
 * shortened or cleaned.
 */
export function resourceEntityName(ref: PlatformResource['ref']): string {
  return toEntityName([
    ref.cluster,
    ...(ref.namespace ? [ref.namespace] : []),
    kindToType(ref.kind),
    ref.name,
  ]);
}

function describe(
  resource: PlatformResource,
  kindTitle: string,
  owner: string | undefined,
): string {
  const { ref } = resource;
  const where = ref.namespace
    ? `in namespace ${ref.namespace} of cluster ${ref.cluster}`
    : `on cluster ${ref.cluster}`;
  const environment = resource.environment ? ` (${resource.environment})` : '';
  const ownedBy = owner
    ? `owned by ${resource.tenant}`
    : 'not mapped to a tenant';
  const via = resource.createdViaPortal
    ? ` Created through the portal${
        resource.requestedBy ? ` by ${resource.requestedBy}` : ''
      }.`
    : '';
  return `${kindTitle} ${ref.name} ${where}${environment}, ${ownedBy}.${via}`;
}

/**
 * A catalog `Resource` entity for one platform resource: owned by its tenant's
 * Group (or the fallback owner), a dependency of the Component it serves, and
 * annotated with where it lives so cards can find its live status.
 */
export function resourceToEntity(
  resource: PlatformResource,
  options: ResourceToEntityOptions,
): ResourceEntity {
  const { ref } = resource;
  const tenantOwner = tenantGroupRef(resource.tenant);
  const component = normalizeEntityRef(resource.component, 'component');
  const kindTitle = titleOfKind({
    kind: ref.kind,
    title: options.kind?.title ?? ref.kind,
  });
  const location = platformLocation(`clusters/${ref.cluster}/resources/${ref.uid}`);

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: resourceEntityName(ref),
      title: `${ref.name} (${kindTitle}, ${ref.cluster})`,
      description: describe(resource, kindTitle, tenantOwner),
      annotations: compact({
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ENTITY_ANNOTATION_PLATFORM_RESOURCE]: `${ref.cluster}/${ref.uid}`,
        [ENTITY_KEY_CLUSTER]: ref.cluster,
        [ENTITY_ANNOTATION_NAMESPACE]: ref.namespace,
        [ENTITY_ANNOTATION_NAME]: ref.name,
        [ENTITY_ANNOTATION_API_VERSION]: ref.apiVersion,
        [ENTITY_ANNOTATION_KIND]: ref.kind,
        [ANNOTATION_REQUESTED_BY]: normalizeEntityRef(resource.requestedBy, 'user'),
        [ANNOTATION_CREATED_VIA]: resource.createdViaPortal
          ? CREATED_VIA_PORTAL
          : undefined,
      }),
      labels: compact({
        [ENTITY_KEY_CLUSTER]: toLabelValue(ref.cluster),
        [LABEL_ENVIRONMENT]: toLabelValue(resource.environment),
        [ENTITY_ANNOTATION_KIND]: toLabelValue(ref.kind),
        [LABEL_TENANT]: tenantOwner ? toLabelValue(resource.tenant) : undefined,
      }),
    },
    spec: {
      type: kindToType(ref.kind),
      owner: tenantOwner ?? options.fallbackOwner,
      ...(component ? { dependencyOf: [component] } : {}),
      ...(options.kindApiEntityRef
        ? { dependsOn: [options.kindApiEntityRef] }
        : {}),
    },
  };
}
