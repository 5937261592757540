import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';
import type {
  TenantScope,
  TenantScopeRequestOptions,
  TenantScopeResolver,
} from '../../auth/TenantScope';

/**
 * A resolver with a fixed membership: `members` maps user refs to their
 * tenants; `admins` see every tenant; other users are refused.
 */
export function fakeTenantScopes(
  httpAuth: HttpAuthService,
  members: Record<string, string[]>,
  admins: string[],
): TenantScopeResolver {
  return {
    async forRequest(
      req: Request,
      options: TenantScopeRequestOptions = {},
    ): Promise<TenantScope> {
      const credentials = await httpAuth.credentials(req, {
        allow: options.allowServices ? ['user', 'service'] : ['user'],
      });
      const principal = credentials.principal as { userEntityRef?: string };
      const user = principal.userEntityRef ?? '';
      const isAdmin = admins.includes(user);
      if (!isAdmin && !members[user]) {
        throw new NotAllowedError(`${user} is in no tenant`);
      }
      const tenants = new Set(members[user] ?? []);
      return {
        isAdmin,
        tenants,
        userEntityRef: user,
        canSee: tenant =>
          isAdmin || (tenant !== undefined && tenants.has(tenant)),
      };
    },
  };
}
