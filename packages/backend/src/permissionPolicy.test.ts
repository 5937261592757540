import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  platformAdminPermission,
  platformMetricsReadPermission,
  platformResourceCreatePermission,
  platformResourceReadPermission,
} from '@fractal/backstage-plugin-platform-common';
import {
  FractalPermissionPolicy,
  readPlatformTeamRef,
} from './permissionPolicy';

const memberships: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/payments'],
  'user:default/alan': ['user:default/alan', 'group:default/Platform-Team'],
};

const policy = new FractalPermissionPolicy({
  platformTeamRef: 'group:default/platform-team',
  userInfo: {
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: memberships[ref] ?? [ref],
      };
    },
  },
});

function userOf(ref: string) {
  const credentials = mockCredentials.user(ref);
  return { credentials, info: { userEntityRef: ref, ownershipEntityRefs: [] } };
}

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const scaffolderUse = createPermission({
  name: 'scaffolder.action.execute',
  attributes: {},
});

describe('FractalPermissionPolicy', () => {
  it.each([
    ['ada', 'catalog basics', catalogRead, AuthorizeResult.ALLOW],
    ['ada', 'scaffolder basics', scaffolderUse, AuthorizeResult.ALLOW],
    ['ada', 'platform.admin', platformAdminPermission, AuthorizeResult.DENY],
    ['alan', 'platform.admin', platformAdminPermission, AuthorizeResult.ALLOW],
    [
      'alan',
      'platform.resource.read',
      platformResourceReadPermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'alan',
      'platform.metrics.read',
      platformMetricsReadPermission,
      AuthorizeResult.ALLOW,
    ],
  ])('%s: %s -> %s', async (user, _what, permission, result) => {
    await expect(
      policy.handle({ permission }, userOf(`user:default/${user}`)),
    ).resolves.toEqual({ result });
  });

  it.each([
    platformResourceReadPermission,
    platformResourceCreatePermission,
    platformMetricsReadPermission,
  ])(
    'makes %s conditional on tenant membership for other users',
    async permission => {
      await expect(
        policy.handle({ permission }, userOf('user:default/ada')),
      ).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'platform',
        resourceType: 'platform-resource',
        conditions: {
          rule: 'IS_TENANT_MEMBER',
          resourceType: 'platform-resource',
          params: { claims: ['user:default/ada', 'group:default/payments'] },
        },
      });
    },
  );

  it('denies platform permissions without a user', async () => {
    await expect(
      policy.handle({ permission: platformResourceReadPermission }),
    ).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    await expect(policy.handle({ permission: catalogRead })).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it.each([
    [{}, 'group:default/platform-team'],
    [{ platform: { platformTeam: 'sre' } }, 'group:default/sre'],
    [{ platform: { platformTeam: 'group:ops/SRE' } }, 'group:ops/sre'],
  ])('reads the platform team from %j', (data, ref) => {
    expect(readPlatformTeamRef(new ConfigReader(data))).toBe(ref);
  });
});
