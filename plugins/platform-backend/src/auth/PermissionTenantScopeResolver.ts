import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionRuleset } from '@backstage/plugin-permission-node';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  PLATFORM_RESOURCE_TYPE,
  platformAdminPermission,
  platformResourceReadPermission,
} from '@fractal/backstage-plugin-platform-common';
import type { Request } from 'express';
import { matchesCriteria } from '../permissions/matchesCriteria';
import { TtlCache } from '../util/TtlCache';
import type {
  PlatformPermissionResource,
  PlatformResourceFilter,
} from '../permissions/platformResourcePermissionResourceRef';
import type {
  TenantScope,
  TenantScopeRequestOptions,
  TenantScopeResolver,
} from './TenantScope';

/** Options of {@link PermissionTenantScopeResolver}. */
export interface PermissionTenantScopeResolverOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  ruleset: PermissionRuleset<
    PlatformPermissionResource,
    PlatformResourceFilter,
    typeof PLATFORM_RESOURCE_TYPE
  >;
  /** Tenants worth testing against the conditions: catalog tenants, tenants owning resources. */
  knownTenants: () => Iterable<string>;
  /**
   * How long a caller's decisions are reused, so list views do not ask the
   * permission backend twice per request. Default 5 s; 0 disables. (User
   * tokens carry their group memberships for far longer than this.)
   */
  decisionTtlMs?: number;
  now?: () => number;
}

type Decisions = [
  Awaited<ReturnType<PermissionsService['authorize']>>[number],
  Awaited<ReturnType<PermissionsService['authorizeConditional']>>[number],
];

const MAX_CACHED_CALLERS = 1000;

/**
 * Resolves the caller's {@link TenantScope} through the permission framework,
 * with the caller's own credentials: `platform.admin` (basic) and the route's
 * conditional permission, asked in parallel. ALLOW sees every tenant; DENY is
 * a 403; CONDITIONAL (the demo policy's `IS_TENANT_MEMBER`) is evaluated in
 * memory for each tenant, so lists are filtered without asking again.
 */
export class PermissionTenantScopeResolver implements TenantScopeResolver {
  private readonly transform: ReturnType<
    typeof createConditionTransformer<PlatformResourceFilter>
  >;

  private readonly decisions: TtlCache<Decisions>;

  constructor(private readonly options: PermissionTenantScopeResolverOptions) {
    this.transform = createConditionTransformer(options.ruleset);
    this.decisions = new TtlCache(
      options.decisionTtlMs ?? 5000,
      MAX_CACHED_CALLERS,
      options.now,
    );
  }

  async forRequest(
    req: Request,
    options: TenantScopeRequestOptions = {},
  ): Promise<TenantScope> {
    const { httpAuth, permissions } = this.options;
    const credentials = await httpAuth.credentials(req, {
      allow: options.allowServices ? ['user', 'service'] : ['user'],
    });
    const permission = options.permission ?? platformResourceReadPermission;
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const userEntityRef = principal.userEntityRef ?? principal.subject ?? '';
    const [admin, decision] = await this.decisions.get(
      `${principal.type}:${userEntityRef}:${permission.name}`,
      async () => {
        const [[a], [d]] = await Promise.all([
          permissions.authorize([{ permission: platformAdminPermission }], {
            credentials,
          }),
          permissions.authorizeConditional([{ permission }], { credentials }),
        ]);
        return [a, d];
      },
    );
    const isAdmin = admin.result === AuthorizeResult.ALLOW;

    let canSee: (tenant: string | undefined) => boolean = () => true;
    if (!isAdmin && decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `You are not allowed to use ${permission.name}`,
      );
    }
    if (!isAdmin && decision.result === AuthorizeResult.CONDITIONAL) {
      if (
        decision.pluginId !== 'platform' ||
        decision.resourceType !== PLATFORM_RESOURCE_TYPE
      ) {
        throw new NotAllowedError(
          `Conditional decision for ${decision.resourceType} of plugin ${decision.pluginId} cannot apply to platform resources`,
        );
      }
      const criteria = this.transform(decision.conditions);
      canSee = tenant => matchesCriteria(criteria, { tenant });
    }
    const tenants = new Set<string>();
    for (const tenant of this.options.knownTenants()) {
      if (canSee(tenant)) tenants.add(tenant);
    }
    return { isAdmin, tenants, userEntityRef, canSee };
  }
}
