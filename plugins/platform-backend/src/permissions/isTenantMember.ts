import { createPermissionRule } from '@backstage/plugin-permission-node';
import { IS_TENANT_MEMBER_RULE } from '@fractal/backstage-plugin-platform-common';
import { z } from 'zod';
import {
  platformResourcePermissionResourceRef,
  type PlatformPermissionResource,
} from './platformResourcePermissionResourceRef';

/** The Group entity ref of a tenant, lower case. @public */
export function tenantGroupRef(tenant: string): string {
  return `group:default/${tenant}`.toLocaleLowerCase('en-US');
}

function isMember(
  resource: PlatformPermissionResource,
  claims: readonly string[],
): boolean {
  if (!resource.tenant) return false;
  const ref = tenantGroupRef(resource.tenant);
  return claims.some(claim => claim.toLocaleLowerCase('en-US') === ref);
}

/**
 * `IS_TENANT_MEMBER`: the resource's tenant Group is among the given claims,
 * typically the user's ownership entity refs (`user.info.ownershipEntityRefs`
 * in a policy). Resources without a tenant never match.
 * @public
 */
export const isTenantMember = createPermissionRule({
  name: IS_TENANT_MEMBER_RULE,
  description:
    'Allow platform resources whose tenant Group is among the given claims (the user and the groups they belong to)',
  resourceRef: platformResourcePermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs; usually the user ownership entity refs'),
  }),
  apply: (resource, { claims }) => isMember(resource, claims),
  toQuery:
    ({ claims }) =>
    resource =>
      isMember(resource, claims),
});
