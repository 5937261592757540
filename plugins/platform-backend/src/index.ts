/**
 * The platform backend plugin of Fractal, and the permission helpers a
 * permission policy needs for platform resources.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export {
  platformResourceConditions,
  createPlatformResourceConditionalDecision,
  platformResourcePermissionRules,
} from './permissions/conditions';
export { isTenantMember, tenantGroupRef } from './permissions/isTenantMember';
export {
  platformResourcePermissionResourceRef,
  type PlatformPermissionResource,
  type PlatformResourceFilter,
} from './permissions/platformResourcePermissionResourceRef';
