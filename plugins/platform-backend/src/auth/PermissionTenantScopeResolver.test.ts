import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { platformMetricsReadPermission } from '@fractal/backstage-plugin-platform-common';
import type { Request } from 'express';
import {
  createPlatformResourceConditionalDecision,
  platformResourceConditions,
  platformResourcePermissionRules,
} from '../permissions/conditions';
import { PermissionTenantScopeResolver } from './PermissionTenantScopeResolver';
import { platformResourcePermissionResourceRef } from '../permissions/platformResourcePermissionResourceRef';

function setup(decision: 'allow' | 'deny' | 'member', ttl = 5000) {
  let now = 0;
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result: AuthorizeResult.DENY })),
  );
  permissions.authorizeConditional.mockImplementation(async queries =>
    queries.map(q => {
      if (decision === 'allow') return { result: AuthorizeResult.ALLOW };
      if (decision === 'deny') return { result: AuthorizeResult.DENY };
      return createPlatformResourceConditionalDecision(
        q.permission as typeof platformMetricsReadPermission,
        platformResourceConditions.isTenantMember({
          claims: ['group:default/payments'],
        }),
      );
    }),
  );
  const registry = mockServices.permissionsRegistry.mock();
  registry.getPermissionRuleset.mockReturnValue({
    getRuleByName: name => {
      const rule = Object.values(platformResourcePermissionRules).find(
        r => r.name === name,
      );
      if (!rule) throw new Error(name);
      return rule;
    },
  } as ReturnType<typeof registry.getPermissionRuleset>);
  const resolver = new PermissionTenantScopeResolver({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user('user:default/ada'),
    }),
    permissions,
    ruleset: registry.getPermissionRuleset(
      platformResourcePermissionResourceRef,
    ),
    knownTenants: () => ['payments', 'checkout'],
    decisionTtlMs: ttl,
    now: () => now,
  });
  return { resolver, permissions, advance: (ms: number) => (now += ms) };
}

const req = { headers: {} } as Request;

describe('PermissionTenantScopeResolver', () => {
  it('evaluates IS_TENANT_MEMBER in memory for each tenant', async () => {
    const { resolver } = setup('member');
    const scope = await resolver.forRequest(req);
    expect(scope).toMatchObject({
      isAdmin: false,
      userEntityRef: 'user:default/ada',
    });
    expect([...scope.tenants]).toEqual(['payments']);
    expect([
      scope.canSee('payments'),
      scope.canSee('checkout'),
      scope.canSee(undefined),
    ]).toEqual([true, false, false]);
  });

  it('sees everything on ALLOW and refuses on DENY', async () => {
    const allowed = await setup('allow').resolver.forRequest(req);
    expect([...allowed.tenants]).toEqual(['payments', 'checkout']);
    expect(allowed.canSee(undefined)).toBe(true);
    await expect(setup('deny').resolver.forRequest(req)).rejects.toThrow(
      'not allowed to use platform.resource.read',
    );
  });

  it('reuses a caller decision for the TTL, per permission', async () => {
    const { resolver, permissions, advance } = setup('member');
    await resolver.forRequest(req);
    await resolver.forRequest(req);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    await resolver.forRequest(req, {
      permission: platformMetricsReadPermission,
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
    advance(5000);
    await resolver.forRequest(req);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('asks every time with a TTL of 0', async () => {
    const { resolver, permissions } = setup('member', 0);
    await resolver.forRequest(req);
    await resolver.forRequest(req);
    expect(permissions.authorize).toHaveBeenCalledTimes(2);
  });
});
