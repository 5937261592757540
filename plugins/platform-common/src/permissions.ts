import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type of platform resources in the permission framework. @public */
export const PLATFORM_RESOURCE_TYPE = 'platform-resource';

/** Read platform resources, their trees and Events. Conditional on tenant. @public */
export const platformResourceReadPermission: ResourcePermission<
  typeof PLATFORM_RESOURCE_TYPE
> = createPermission({
  name: 'platform.resource.read',
  attributes: { action: 'read' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** Create or change platform resources (scaffolder actions). Conditional on tenant. @public */
export const platformResourceCreatePermission: ResourcePermission<
  typeof PLATFORM_RESOURCE_TYPE
> = createPermission({
  name: 'platform.resource.create',
  attributes: { action: 'create' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** Read tenant metrics. Conditional on tenant. @public */
export const platformMetricsReadPermission: ResourcePermission<
  typeof PLATFORM_RESOURCE_TYPE
> = createPermission({
  name: 'platform.metrics.read',
  attributes: { action: 'read' },
  resourceType: PLATFORM_RESOURCE_TYPE,
});

/** Everything, across tenants (platform team). @public */
export const platformAdminPermission = createPermission({
  name: 'platform.admin',
  attributes: {},
});

/** Name of the conditional rule "the user is a member of the resource's tenant". @public */
export const IS_TENANT_MEMBER_RULE = 'IS_TENANT_MEMBER';

/** @public */
export const platformPermissions = [
  platformResourceReadPermission,
  platformResourceCreatePermission,
  platformMetricsReadPermission,
  platformAdminPermission,
];
