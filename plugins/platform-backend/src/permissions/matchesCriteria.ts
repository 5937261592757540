import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  PlatformPermissionResource,
  PlatformResourceFilter,
} from './platformResourcePermissionResourceRef';

/** Evaluates transformed conditions (allOf / anyOf / not / filter) on a resource. */
export function matchesCriteria(
  criteria: PermissionCriteria<PlatformResourceFilter>,
  resource: PlatformPermissionResource,
): boolean {
  if ('allOf' in criteria) {
    return criteria.allOf.every(c => matchesCriteria(c, resource));
  }
  if ('anyOf' in criteria) {
    return criteria.anyOf.some(c => matchesCriteria(c, resource));
  }
  if ('not' in criteria) {
    return !matchesCriteria(criteria.not, resource);
  }
  return criteria(resource);
}
