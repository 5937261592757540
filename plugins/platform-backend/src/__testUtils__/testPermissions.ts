import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createPlatformResourceConditionalDecision,
  platformResourceConditions,
} from '../permissions/conditions';

/** Group memberships of the test users. */
export const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/ada': ['group:default/payments'],
  'user:default/grace': ['group:default/checkout'],
  'user:default/alan': ['group:default/platform-team'],
};

function decide(
  permission: Parameters<
    PermissionsService['authorize']
  >[0][number]['permission'],
  credentials: BackstageCredentials,
): PolicyDecision {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  if (principal.type === 'service') return { result: AuthorizeResult.ALLOW };
  const user = principal.userEntityRef ?? '';
  const claims = [user, ...(MEMBERSHIPS[user] ?? [])];
  if (claims.includes('group:default/platform-team'))
    return { result: AuthorizeResult.ALLOW };
  if (permission.name === 'platform.admin')
    return { result: AuthorizeResult.DENY };
  if (!MEMBERSHIPS[user]) return { result: AuthorizeResult.DENY };
  if (isResourcePermission(permission, 'platform-resource')) {
    return createPlatformResourceConditionalDecision(
      permission,
      platformResourceConditions.isTenantMember({ claims }),
    );
  }
  return { result: AuthorizeResult.ALLOW };
}

/**
 * A permissions service that decides like the demo policy: platform-team
 * members are admins, other known users get IS_TENANT_MEMBER, unknown users
 * are denied, services are allowed.
 */
export const testPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    return {
      async authorize(requests, { credentials }) {
        return requests.map(r => {
          const decision = decide(r.permission, credentials);
          return {
            result:
              decision.result === AuthorizeResult.CONDITIONAL
                ? AuthorizeResult.DENY
                : decision.result,
          };
        });
      },
      async authorizeConditional(queries, { credentials }) {
        return queries.map(q => decide(q.permission, credentials));
      },
    };
  },
});
