import {
  coreServices,
  createBackendModule,
  type UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createPlatformResourceConditionalDecision,
  platformResourceConditions,
} from '@fractal/backstage-plugin-platform-backend';
import {
  PLATFORM_RESOURCE_TYPE,
  platformAdminPermission,
} from '@fractal/backstage-plugin-platform-common';

/** The platform team Group ref from `platform.platformTeam` (a name or a group ref). */
export function readPlatformTeamRef(config: Config): string {
  const value =
    config.getOptionalString('platform.platformTeam') ?? 'platform-team';
  const ref = value.includes(':') ? value : `group:default/${value}`;
  return ref.toLocaleLowerCase('en-US');
}

/**
 * The demo permission policy:
 * - `platform.admin`: only members of the platform team Group;
 * - platform resource permissions (read, create, metrics): everything for the
 *   platform team, otherwise a conditional decision `IS_TENANT_MEMBER` with
 *   the user's ownership refs, so each tenant sees its own resources;
 * - everything else (catalog, scaffolder, search...): allowed for signed-in
 *   users and services.
 * Requests without a user (service calls never reach a policy) are denied for
 * platform permissions.
 */
export class FractalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: Pick<UserInfoService, 'getUserInfo'>;
      platformTeamRef: string;
    },
  ) {}

  private async claimsOf(user: PolicyQueryUser | undefined): Promise<string[]> {
    if (!user) return [];
    const info = await this.options.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isPlatformPermission =
      permission.name === platformAdminPermission.name ||
      isResourcePermission(permission, PLATFORM_RESOURCE_TYPE);
    if (!isPlatformPermission) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = await this.claimsOf(user);
    if (claims.includes(this.options.platformTeamRef)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!isResourcePermission(permission, PLATFORM_RESOURCE_TYPE) || !user) {
      return { result: AuthorizeResult.DENY };
    }
    return createPlatformResourceConditionalDecision(
      permission,
      platformResourceConditions.isTenantMember({ claims }),
    );
  }
}

/** Installs {@link FractalPermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'fractal-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new FractalPermissionPolicy({
            userInfo,
            platformTeamRef: readPlatformTeamRef(config),
          }),
        );
      },
    });
  },
});
