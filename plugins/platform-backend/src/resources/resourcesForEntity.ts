import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ENTITY_ANNOTATION_PLATFORM_RESOURCE,
  ENTITY_ANNOTATION_RESOURCE_SELECTOR,
} from '@fractal/backstage-plugin-platform-common';
import type { CachedResource, StatusCache } from '../cache/StatusCache';
import { matchesLabels, parseLabelSelector } from './labelSelector';

/**
 * The platform resources of a catalog entity, from the cache only:
 * - a Group: the resources of that tenant;
 * - a Fractal `Resource` entity: the resource named by its
 *   `fractal.dev/platform-resource` annotation (`<cluster>/<uid>`);
 * - any entity: resources labelled `fractal.dev/component=<name>` or
 *   annotated `fractal.dev/component-ref=<entity ref>`, plus those matching
 *   the label selector in its `fractal.dev/resource-selector` annotation.
 */
export function resourcesForEntity(
  cache: StatusCache,
  entity: Entity,
): CachedResource[] {
  const found = new Set<CachedResource>();
  const annotations = entity.metadata.annotations ?? {};
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    for (const entry of cache.resourcesOfTenant(entity.metadata.name)) {
      found.add(entry);
    }
  }
  const platformRef = annotations[ENTITY_ANNOTATION_PLATFORM_RESOURCE];
  if (platformRef) {
    const slash = platformRef.indexOf('/');
    const entry =
      slash > 0
        ? cache.resource(
            platformRef.slice(0, slash),
            platformRef.slice(slash + 1),
          )
        : undefined;
    if (entry) found.add(entry);
  }
  for (const entry of cache.resourcesOfComponent(
    entity.metadata.name,
    stringifyEntityRef(entity),
  )) {
    found.add(entry);
  }
  const selector = annotations[ENTITY_ANNOTATION_RESOURCE_SELECTOR];
  if (selector) {
    const requirements = parseLabelSelector(selector);
    if (requirements.length > 0) {
      for (const entry of cache.allResources()) {
        if (matchesLabels(requirements, entry.object.metadata.labels)) {
          found.add(entry);
        }
      }
    }
  }
  return [...found];
}
