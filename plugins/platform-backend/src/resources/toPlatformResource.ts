import {
  ANNOTATION_COMPONENT_REF,
  ANNOTATION_CREATED_VIA,
  ANNOTATION_REQUESTED_BY,
  CREATED_VIA_PORTAL,
  LABEL_COMPONENT,
  LABEL_ENVIRONMENT,
  readConditions,
  type PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import type { CachedResource } from '../cache/StatusCache';
import { tenantGroupRef } from '../permissions/isTenantMember';

/**
 * The API shape of a cached resource. The owner is the tenant's Group (from
 * the namespace); the component comes from the `fractal.dev/component-ref`
 * annotation, else the `fractal.dev/component` label in the default namespace.
 */
export function toPlatformResource(entry: CachedResource): PlatformResource {
  const { object, cluster, status, tenant } = entry;
  const { metadata } = object;
  const labels = metadata.labels ?? {};
  const annotations = metadata.annotations ?? {};
  const componentName = labels[LABEL_COMPONENT];
  const component =
    annotations[ANNOTATION_COMPONENT_REF] ??
    (componentName ? `component:default/${componentName}` : undefined);
  const resource: PlatformResource = {
    ref: {
      cluster,
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: metadata.name,
      uid: metadata.uid,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
    },
    generation: metadata.generation ?? 0,
    createdAt: metadata.creationTimestamp ?? '',
    createdViaPortal:
      annotations[ANNOTATION_CREATED_VIA] === CREATED_VIA_PORTAL,
    status,
    conditions: readConditions(object),
    labels,
  };
  if (tenant) {
    resource.tenant = tenant;
    resource.owner = tenantGroupRef(tenant);
  }
  if (component) resource.component = component;
  if (labels[LABEL_ENVIRONMENT])
    resource.environment = labels[LABEL_ENVIRONMENT];
  if (annotations[ANNOTATION_REQUESTED_BY]) {
    resource.requestedBy = annotations[ANNOTATION_REQUESTED_BY];
  }
  return resource;
}
