import { FRACTAL_PREFIX } from '@fractal/backstage-plugin-platform-common';

/**
 * Annotation and label keys this module writes on the entities it provides,
 * besides the shared ones of `@fractal/backstage-plugin-platform-common`
 * (`fractal.dev/platform-resource`, `fractal.dev/kind`, `fractal.dev/tenant`,
 * `fractal.dev/environment`, `fractal.dev/requested-by`, `fractal.dev/created-via`).
 */

/** The cluster of a platform resource; also a label. @public */
export const ENTITY_KEY_CLUSTER = `${FRACTAL_PREFIX}/cluster`;

/** The Kubernetes namespace of a platform resource. @public */
export const ENTITY_ANNOTATION_NAMESPACE = `${FRACTAL_PREFIX}/namespace`;

/** The Kubernetes name of a platform resource. @public */
export const ENTITY_ANNOTATION_NAME = `${FRACTAL_PREFIX}/name`;

/** The `apiVersion` (`group/version`) of a platform resource or kind. @public */
export const ENTITY_ANNOTATION_API_VERSION = `${FRACTAL_PREFIX}/api-version`;

/** On kind `API` entities: the clusters serving the kind, comma-separated. @public */
export const ENTITY_ANNOTATION_CLUSTERS = `${FRACTAL_PREFIX}/clusters`;

/** On generated `Template` entities: `"true"`. @public */
export const ENTITY_ANNOTATION_GENERATED = `${FRACTAL_PREFIX}/generated`;

/** The location type of every entity this module provides. @public */
export const PLATFORM_LOCATION_TYPE = 'fractal-platform';

/**
 * The value of `backstage.io/managed-by-location` (and origin-location) of an
 * entity provided for `path`, e.g. `fractal-platform:clusters/dev/resources/<uid>`,
 * mirroring the platform API's routes.
 */
export function platformLocation(path: string): string {
  return `${PLATFORM_LOCATION_TYPE}:${path}`;
}
