import {
  mockCredentials,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { CompiledManifest } from '@fractal/backstage-plugin-platform-common';
import { startEmulator, type RunningEmulator } from '@fractal/cluster-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  demoGroups,
  startPlatformBackend,
  waitFor,
} from '../__testUtils__/startPlatformBackend';

const TENANTS = ['payments', 'checkout', 'search'];
const ada = mockCredentials.user.header('user:default/ada');
const alan = mockCredentials.user.header('user:default/alan');

jest.setTimeout(120_000);

describe('POST /api/platform/compile', () => {
  let emulator: RunningEmulator;
  let backend: TestBackend;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'fractal-compile-'));
    emulator = await startEmulator({
      stateDir,
      clusters: [
        { name: 'dev', environment: 'development', port: 0 },
        { name: 'prod-eu', environment: 'production', port: 0 },
      ],
      tenants: TENANTS,
      seed: false,
      operator: { enabled: false },
    });
    backend = await startPlatformBackend({
      platform: {
        clusters: emulator.clusters.map(c => ({
          name: c.name,
          url: c.url,
          environment: c.environment,
          caData: c.caData,
          serviceAccountToken: emulator.tokens['fractal-reader'],
        })),
        defaults: {
          platform: {
            PostgreSQLInstance: { spec: { parameters: { version: '15' } } },
          },
          environments: {
            production: {
              PostgreSQLInstance: {
                spec: { parameters: { highAvailability: true } },
              },
            },
          },
          tenants: {
            payments: {
              PostgreSQLInstance: { spec: { parameters: { size: 'medium' } } },
            },
          },
        },
      },
      entities: demoGroups(TENANTS),
    });
    // The kind cache fills from the CRD informers.
    await waitFor(async () => {
      const res = await request(backend.server)
        .get('/api/platform/kinds')
        .set('authorization', alan);
      return res.body.items?.length === 4 ? true : undefined;
    }, 'the platform kinds');
  });

  afterAll(async () => {
    await backend?.stop();
    await emulator?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const compile = (body: object, auth = ada) =>
    request(backend.server)
      .post('/api/platform/compile')
      .set('authorization', auth)
      .send(body);

  it('compiles what the action would: layered defaults, tenant namespace, provenance', async () => {
    const res = await compile({
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'orders-db',
      cluster: 'prod-eu',
      parameters: { storageGB: 100 },
      template: 'template:default/postgresql-instance',
    });
    expect(res.status).toBe(200);
    const body: CompiledManifest = res.body;
    expect(body).toMatchObject({
      cluster: 'prod-eu',
      namespace: 'tenant-payments',
      manifest: {
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'PostgreSQLInstance',
        metadata: {
          name: 'orders-db',
          namespace: 'tenant-payments',
          labels: {
            'fractal.dev/tenant': 'payments',
            'fractal.dev/environment': 'production',
          },
          annotations: {
            'fractal.dev/requested-by': 'user:default/ada',
            'fractal.dev/owner': 'group:default/payments',
            'fractal.dev/template': 'template:default/postgresql-instance',
          },
        },
        spec: {
          parameters: {
            storageGB: 100,
            version: '15',
            highAvailability: true,
            size: 'medium',
          },
        },
      },
    });
    expect(body.yaml).toContain('storageGB: 100');
    const layers = Object.fromEntries(
      body.provenance.map(p => [p.path, p.layer]),
    );
    expect(layers).toMatchObject({
      'spec.parameters.storageGB': 'user',
      'spec.parameters.version': 'platform',
      'spec.parameters.highAvailability': 'environment',
      'spec.parameters.size': 'tenant',
      'spec.compositeDeletePolicy': 'schema',
      'metadata.namespace': 'fractal',
    });
    // A preview never creates anything.
    expect(
      emulator
        .cluster('prod-eu')
        .list(
          'platform.fractal.dev/v1alpha1',
          'PostgreSQLInstance',
          'tenant-payments',
        ),
    ).toEqual([]);
  });

  it.each<[string, object, string]>([
    [
      'a value above the maximum',
      { parameters: { storageGB: 5000 } },
      'spec.parameters.storageGB',
    ],
    [
      'a value outside the enum',
      { parameters: { version: '9' } },
      'spec.parameters.version',
    ],
    ['a name that is not a DNS label', { name: 'Orders DB' }, 'name'],
    [
      "Fractal's tenant label",
      { labels: { 'fractal.dev/tenant': 'checkout' } },
      'metadata.labels["fractal.dev/tenant"]',
    ],
    ['a missing name', { name: undefined }, 'name'],
    ['parameters that are not an object', { parameters: [1, 2] }, 'parameters'],
  ])('answers 400 naming the field for %s', async (_case, change, path) => {
    const res = await compile({
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'orders-db',
      cluster: 'dev',
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(path),
      fieldErrors: expect.arrayContaining([expect.objectContaining({ path })]),
    });
  });

  it.each<[string, object, string]>([
    ['an unknown kind', { kind: 'Secret' }, 'kind:'],
    ['an unknown cluster', { cluster: 'mars' }, 'cluster:'],
    ['a mismatched environment', { environment: 'production' }, 'environment:'],
  ])('answers 400 for %s', async (_case, change, message) => {
    const res = await compile({
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'db',
      cluster: 'dev',
      ...change,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it("refuses another tenant's request", async () => {
    const res = await compile({
      kind: 'Bucket',
      tenant: 'checkout',
      name: 'x',
      cluster: 'dev',
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        "user:default/ada may not create platform resources for tenant 'checkout'",
    });
  });

  it('lets a platform admin preview for any tenant, but only for tenants', async () => {
    const ok = await compile(
      {
        kind: 'Bucket',
        tenant: 'group:default/checkout',
        name: 'x',
        cluster: 'dev',
      },
      alan,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.namespace).toBe('tenant-checkout');
    const unknown = await compile(
      { kind: 'Bucket', tenant: 'nobody', name: 'x', cluster: 'dev' },
      alan,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("tenant: 'nobody' is not a tenant");
  });

  it('requires a signed-in user', async () => {
    const res = await request(backend.server)
      .post('/api/platform/compile')
      .send({ kind: 'Bucket', tenant: 'payments', name: 'x' });
    // 401 without credentials in a real backend; the test backend's mock auth answers 403.
    expect([401, 403]).toContain(res.status);
    expect(res.body.error.name).toMatch(/AuthenticationError|NotAllowedError/);
  });
});
