import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { PLATFORM_RESOURCE_TYPE } from '@fractal/backstage-plugin-platform-common';

/** What permission rules see of a platform resource. @public */
export interface PlatformPermissionResource {
  /** Tenant (Group name) from the namespace mapping; undefined when none. */
  tenant?: string;
}

/** A permission rule as a predicate over {@link PlatformPermissionResource}. @public */
export type PlatformResourceFilter = (
  resource: PlatformPermissionResource,
) => boolean;

/**
 * The permission resource of platform resources (`platform-resource`), for
 * rules and conditional decisions.
 * @public
 */
export const platformResourcePermissionResourceRef =
  createPermissionResourceRef<
    PlatformPermissionResource,
    PlatformResourceFilter
  >().with({
    pluginId: 'platform',
    resourceType: PLATFORM_RESOURCE_TYPE,
  });
