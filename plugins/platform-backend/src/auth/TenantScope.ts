import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { Request } from 'express';

/**
 * What the calling user may see: the tenants (Group names) they belong to, or
 * everything when they hold `platform.admin`. Resolved from the user's own
 * credentials on every request.
 */
export interface TenantScope {
  isAdmin: boolean;
  /**
   * Tenant Group names the user may see under the permission asked for: the
   * tenants they are a member of under the demo policy (every known tenant
   * for admins and service callers).
   */
  tenants: ReadonlySet<string>;
  /** Entity ref of the user (the subject, for service callers). */
  userEntityRef: string;
  canSee(tenant: string | undefined): boolean;
}

/** Options of {@link TenantScopeResolver.forRequest}. */
export interface TenantScopeRequestOptions {
  /**
   * The conditional permission the route needs; default
   * `platform.resource.read`. Metrics routes pass `platform.metrics.read`.
   */
  permission?: ResourcePermission<'platform-resource'>;
  /**
   * Also accept service callers (other backend plugins, e.g. the catalog
   * provider). They see every tenant. Default false: users only.
   */
  allowServices?: boolean;
}

export interface TenantScopeResolver {
  /** Throws NotAllowedError / AuthenticationError for callers without access. */
  forRequest(
    req: Request,
    options?: TenantScopeRequestOptions,
  ): Promise<TenantScope>;
}
