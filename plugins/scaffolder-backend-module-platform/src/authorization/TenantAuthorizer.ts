import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  parseTenantRef,
  platformAdminPermission,
} from '@fractal/backstage-plugin-platform-common';

/** Who may act for a tenant, and why. */
export interface TenantAccess {
  /** Tenant Group name, e.g. `payments`. */
  tenant: string;
  /** Entity ref of the tenant Group. */
  groupRef: string;
  /** Entity ref of the initiating user. */
  userRef: string;
  via: 'membership' | 'admin';
}

/** Options of {@link TenantAuthorizer}. */
export interface TenantAuthorizerOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: AuthService;
  /** `spec.type` of tenant Groups. */
  groupType: string;
}

/**
 * The tenant Group a `tenant` input names (platform-common's
 * `parseTenantRef`, kept under this name for the actions).
 */
export const parseTenant = parseTenantRef;

/**
 * Decides whether the initiating user may create or change platform
 * resources of a tenant: a member of the tenant Group (read from the catalog
 * with the user's own credentials), or a holder of `platform.admin` (asked
 * of the permission framework with the user's credentials). Anything else is
 * a `NotAllowedError`; nothing touches a cluster before this passes.
 */
export class TenantAuthorizer {
  constructor(private readonly options: TenantAuthorizerOptions) {}

  async authorize(
    tenantInput: string,
    credentials: BackstageCredentials,
  ): Promise<TenantAccess> {
    const { catalog, permissions, auth, groupType } = this.options;
    const tenant = parseTenant(tenantInput);
    if (!auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Platform resources can only be requested by a signed-in user',
      );
    }
    const userRef = credentials.principal.userEntityRef;
    const userKey = userRef.toLocaleLowerCase('en-US');
    const group = await catalog.getEntityByRef(tenant.ref, { credentials });
    const isTenant = group !== undefined && group.spec?.type === groupType;
    const member =
      isTenant &&
      (group.relations ?? []).some(
        r =>
          r.type === RELATION_HAS_MEMBER &&
          r.targetRef.toLocaleLowerCase('en-US') === userKey,
      );
    if (member) {
      return {
        tenant: tenant.name,
        groupRef: tenant.ref,
        userRef,
        via: 'membership',
      };
    }
    const [decision] = await permissions.authorize(
      [{ permission: platformAdminPermission }],
      { credentials },
    );
    const admin = decision.result === AuthorizeResult.ALLOW;
    if (!isTenant) {
      // Admins learn that the tenant does not exist; others only that they may not use it.
      if (admin) {
        throw new InputError(
          `tenant: '${tenant.name}' is not a tenant (no Group of spec.type '${groupType}' with that name)`,
        );
      }
      throw new NotAllowedError(
        `${userRef} may not request platform resources for '${tenant.name}': not a tenant the user belongs to`,
      );
    }
    if (admin) {
      return {
        tenant: tenant.name,
        groupRef: tenant.ref,
        userRef,
        via: 'admin',
      };
    }
    throw new NotAllowedError(
      `${userRef} is not a member of tenant '${tenant.name}' and does not hold the platform.admin permission`,
    );
  }
}
