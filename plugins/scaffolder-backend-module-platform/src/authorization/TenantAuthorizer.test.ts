import { mockCredentials } from '@backstage/backend-test-utils';
import { createTestServices } from '../__testUtils__/testServices';

describe('TenantAuthorizer', () => {
  const { services, permissions, catalog } = createTestServices({
    clusters: [{ name: 'dev', url: 'https://127.0.0.1:1' }],
  });
  const { authorizer } = services;

  it.each([
    ['a member, by name', 'user:default/ada', 'payments', 'membership'],
    [
      'a member, by entity ref',
      'user:default/ada',
      'group:default/payments',
      'membership',
    ],
    [
      'a member, refs compared without case',
      'user:default/Ada',
      'payments',
      'membership',
    ],
    ['a platform admin', 'user:default/alan', 'checkout', 'admin'],
  ])('allows %s', async (_case, user, tenant, via) => {
    await expect(
      authorizer.authorize(tenant, mockCredentials.user(user)),
    ).resolves.toMatchObject({ via, userRef: user });
  });

  it.each([
    [
      'a member of another tenant',
      'user:default/ada',
      'checkout',
      'NotAllowedError',
      "is not a member of tenant 'checkout'",
    ],
    [
      'a Group that is not a tenant',
      'user:default/ada',
      'platform-team',
      'NotAllowedError',
      'not a tenant the user belongs to',
    ],
    [
      'an unknown Group',
      'user:default/ada',
      'nobody',
      'NotAllowedError',
      'not a tenant the user belongs to',
    ],
    [
      'an admin naming an unknown tenant',
      'user:default/alan',
      'nobody',
      'InputError',
      "tenant: 'nobody' is not a tenant",
    ],
    [
      'a User as tenant',
      'user:default/ada',
      'user:default/ada',
      'InputError',
      'is not a Group',
    ],
    [
      'a malformed tenant',
      'user:default/ada',
      'a:b:c/d/e',
      'InputError',
      'tenant:',
    ],
  ])('refuses %s', async (_case, user, tenant, name, message) => {
    await expect(
      authorizer.authorize(tenant, mockCredentials.user(user)),
    ).rejects.toMatchObject({
      name,
      message: expect.stringContaining(message),
    });
  });

  it('refuses callers that are not users', async () => {
    await expect(
      authorizer.authorize(
        'payments',
        mockCredentials.service('plugin:catalog'),
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it("asks the catalog and the permission framework with the user's own credentials", async () => {
    const ada = mockCredentials.user('user:default/ada');
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    await authorizer.authorize('checkout', ada).catch(() => undefined);
    expect(getEntityByRef).toHaveBeenCalledWith('group:default/checkout', {
      credentials: ada,
    });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: expect.objectContaining({ name: 'platform.admin' }) }],
      { credentials: ada },
    );
  });
});
