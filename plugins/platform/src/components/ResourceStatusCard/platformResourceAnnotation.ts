import type { Entity } from '@backstage/catalog-model';
import { ENTITY_ANNOTATION_PLATFORM_RESOURCE } from '@fractal/backstage-plugin-platform-common';

/**
 * The platform resource a catalog entity stands for, from its
 * `fractal.dev/platform-resource: <cluster>/<uid>` annotation.
 */
export function platformResourceOf(
  entity: Entity,
): { cluster: string; uid: string } | undefined {
  const value =
    entity.metadata.annotations?.[ENTITY_ANNOTATION_PLATFORM_RESOURCE];
  if (!value) {
    return undefined;
  }
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    return undefined;
  }
  return { cluster: value.slice(0, slash), uid: value.slice(slash + 1) };
}

/**
 * Whether an entity stands for a platform resource (it carries a valid
 * `fractal.dev/platform-resource` annotation).
 *
 * @public
 */
export function isPlatformResourceEntity(entity: Entity): boolean {
  return platformResourceOf(entity) !== undefined;
}
