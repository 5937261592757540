import { createConditionExports } from '@backstage/plugin-permission-node';
import { isTenantMember } from './isTenantMember';
import { platformResourcePermissionResourceRef } from './platformResourcePermissionResourceRef';

/** The rules of platform resources, for the permissions registry. @public */
export const platformResourcePermissionRules = { isTenantMember };

const exported = createConditionExports({
  resourceRef: platformResourcePermissionResourceRef,
  rules: platformResourcePermissionRules,
});

/**
 * Condition factories for policies, e.g.
 * `platformResourceConditions.isTenantMember({ claims: user.info.ownershipEntityRefs })`.
 * @public
 */
export const platformResourceConditions = exported.conditions;

/** Wraps conditions into a conditional decision for a platform resource permission. @public */
export const createPlatformResourceConditionalDecision =
  exported.createConditionalDecision;
