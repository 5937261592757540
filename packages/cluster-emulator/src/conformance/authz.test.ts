import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
} from '../__testUtils__/testEmulator';
import { statusOf } from '../__testUtils__/statusOf';

const PG = '/apis/platform.fractal.dev/v1alpha1';

describe('authentication and authorization', () => {
  let t: TestEmulator;

  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
    t.emulator
      .cluster('dev')
      .create(postgresClaim('existing', 'tenant-payments'));
  }, 30_000);
  afterAll(() => t.stop());

  it('answers 401 without a token or with an unknown one', async () => {
    for (const token of [null, 'nope']) {
      const res = await t.raw({ path: `${PG}/postgresqlinstances`, token });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
    const health = await t.raw({ path: '/readyz', token: null });
    expect(health.status).toBe(200);
  });

  it.each([
    ['fractal-reader', 'GET', `${PG}/postgresqlinstances`, 200],
    ['fractal-reader', 'GET', '/api/v1/namespaces', 200],
    [
      'fractal-reader',
      'POST',
      `${PG}/namespaces/tenant-payments/postgresqlinstances`,
      403,
    ],
    [
      'fractal-provisioner',
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      200,
    ],
    [
      'fractal-provisioner',
      'POST',
      `${PG}/namespaces/tenant-payments/postgresqlinstances`,
      201,
    ],
    [
      'fractal-provisioner',
      'POST',
      `${PG}/namespaces/default/postgresqlinstances`,
      403,
    ],
    ['fractal-provisioner', 'POST', '/api/v1/namespaces', 403],
    [
      'fractal-provisioner',
      'DELETE',
      `${PG}/namespaces/tenant-payments/postgresqlinstances/existing`,
      200,
    ],
    [
      'tenant-checkout',
      'POST',
      `${PG}/namespaces/tenant-checkout/postgresqlinstances`,
      201,
    ],
    [
      'tenant-checkout',
      'GET',
      `${PG}/namespaces/tenant-checkout/postgresqlinstances`,
      200,
    ],
    [
      'tenant-checkout',
      'GET',
      `${PG}/namespaces/tenant-payments/postgresqlinstances`,
      403,
    ],
    ['tenant-checkout', 'GET', `${PG}/postgresqlinstances`, 403],
    ['tenant-checkout', 'GET', '/api/v1/namespaces/tenant-checkout', 200],
    ['tenant-checkout', 'GET', '/api/v1/namespaces/tenant-search', 403],
    ['admin', 'POST', '/api/v1/namespaces', 201],
  ])('%s %s %s -> %i', async (identity, method, path, expected) => {
    const namespace = /namespaces\/([^/]+)\/postgresqlinstances/.exec(
      path,
    )?.[1];
    let body: string | undefined;
    if (method === 'POST') {
      body = JSON.stringify(
        path === '/api/v1/namespaces'
          ? {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name: `ns-${identity}` },
            }
          : postgresClaim(`by-${identity}`, namespace),
      );
    }
    const res = await t.raw({
      method,
      path,
      token: t.emulator.tokens[identity],
      body,
      contentType: 'application/json',
    });
    expect(res.status).toBe(expected);
  });

  it('words 403 as RBAC does, and the client parses it', async () => {
    const reader = t
      .kubeConfig('fractal-reader')
      .makeApiClient(CustomObjectsApi);
    const denied = await statusOf(
      reader.createNamespacedCustomObject({
        group: 'platform.fractal.dev',
        version: 'v1alpha1',
        plural: 'postgresqlinstances',
        namespace: 'tenant-payments',
        body: postgresClaim('nope'),
      }),
    );
    expect(denied.code).toBe(403);
    expect(denied.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'postgresqlinstances.platform.fractal.dev is forbidden: User "fractal-reader" cannot create resource "postgresqlinstances" in API group "platform.fractal.dev" in the namespace "tenant-payments"',
      reason: 'Forbidden',
      details: { group: 'platform.fractal.dev', kind: 'postgresqlinstances' },
      code: 403,
    });
    const tenant = t.kubeConfig('tenant-payments').makeApiClient(CoreV1Api);
    const clusterScope = await statusOf(tenant.listNamespace());
    expect(clusterScope.body.message).toBe(
      'namespaces is forbidden: User "tenant-payments" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it.each([
    ['fractal-reader', 'list', 'tenant-payments', true],
    ['fractal-reader', 'create', 'tenant-payments', false],
    ['fractal-provisioner', 'create', 'tenant-search', true],
    ['tenant-payments', 'delete', 'tenant-payments', true],
    ['tenant-payments', 'get', 'tenant-search', false],
  ])(
    'answers SelfSubjectAccessReview for %s %s in %s: %s',
    async (identity, verb, namespace, allowed) => {
      const res = await t.raw({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        token: t.emulator.tokens[identity],
        contentType: 'application/json',
        body: JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb,
              group: 'platform.fractal.dev',
              resource: 'caches',
              namespace,
            },
          },
        }),
      });
      expect(res.status).toBe(201);
      expect(res.json().status.allowed).toBe(allowed);
    },
  );

  it('answers SelfSubjectReview with the caller', async () => {
    const res = await t.raw({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      token: t.emulator.tokens['tenant-search'],
      contentType: 'application/json',
      body: JSON.stringify({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
      }),
    });
    expect(res.json().status.userInfo).toEqual({
      username: 'tenant-search',
      groups: ['system:authenticated'],
    });
  });

  it('keeps the admin endpoint for admins', async () => {
    const denied = await t.raw({
      path: '/__emulator/faults',
      token: t.emulator.tokens['fractal-reader'],
    });
    expect(denied.status).toBe(403);
    const allowed = await t.raw({ path: '/__emulator/faults' });
    expect(allowed.status).toBe(200);
    expect(allowed.json()).toEqual({});
  });
});
