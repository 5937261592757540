import type { Request } from 'express';

/**
 * What the calling user may see: the tenants (Group names) they belong to, or
 * everything when they hold `platform.admin`. Resolved from the user's own
 * credentials on every request.
 */
export interface TenantScope {
  isAdmin: boolean;
  /** Tenant Group names the user is a member of. */
  tenants: ReadonlySet<string>;
  /** Entity ref of the user. */
  userEntityRef: string;
  canSee(tenant: string | undefined): boolean;
}

export interface TenantScopeResolver {
  /** Throws NotAllowedError / AuthenticationError for callers without access. */
  forRequest(req: Request): Promise<TenantScope>;
}
