import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import {
  recordCalls,
  type RecordedCall,
} from '../__testUtils__/RecordingCluster';
import {
  startTestEmulator,
  type TestEmulator,
} from '../__testUtils__/testEmulator';
import { createTestServices } from '../__testUtils__/testServices';
import { createCompileAction } from './compileAction';

const DEFAULTS = {
  platform: {
    PostgreSQLInstance: {
      spec: { parameters: { version: '15', backup: { retentionDays: 14 } } },
      metadata: { labels: { 'cost-center': 'platform' } },
    },
  },
  environments: {
    development: {
      PostgreSQLInstance: { spec: { parameters: { highAvailability: false } } },
    },
    production: {
      PostgreSQLInstance: { spec: { parameters: { highAvailability: true } } },
    },
  },
  tenants: {
    payments: {
      PostgreSQLInstance: { spec: { parameters: { size: 'medium' } } },
    },
  },
};

describe('platform:resource:compile on the emulator', () => {
  let env: TestEmulator;
  let calls: RecordedCall[];
  let services: ReturnType<typeof createTestServices>;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    env = await startTestEmulator();
  }, 120_000);
  afterAll(() => env?.stop());
  beforeEach(() => {
    calls = [];
    workspace.clear();
    services = createTestServices({
      clusters: env.clusters,
      defaults: DEFAULTS,
      wrapClient: client => recordCalls(client, calls),
    });
  });

  function compile(
    input: JsonObject & { name: string },
    options: { credentials?: ReturnType<typeof mockCredentials.user> } = {},
  ) {
    return actionContext(createCompileAction(services.services), {
      input: {
        kind: 'PostgreSQLInstance',
        tenant: 'payments',
        ...input,
      },
      workspacePath: workspace.path,
      ...options,
    });
  }

  it('layers platform, environment and tenant defaults under the form values, with provenance', async () => {
    const run = compile({
      name: 'orders-db',
      cluster: 'prod-eu',
      parameters: { storageGB: 100 },
    });
    await run.run();
    const out = run.outputs();
    expect(out).toMatchObject({
      cluster: 'prod-eu',
      environment: 'production',
      namespace: 'tenant-payments',
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'PostgreSQLInstance',
      name: 'orders-db',
    });
    expect(out.manifest).toMatchObject({
      metadata: {
        name: 'orders-db',
        namespace: 'tenant-payments',
        labels: {
          'cost-center': 'platform',
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
          size: 'medium',
          highAvailability: true,
          backup: { retentionDays: 14, window: '02:00-03:00' },
        },
      },
    });
    const layers = Object.fromEntries(
      (out.provenance as Array<{ path: string; layer: string }>).map(p => [
        p.path,
        p.layer,
      ]),
    );
    expect(layers).toMatchObject({
      'spec.parameters.storageGB': 'user',
      'spec.parameters.version': 'platform',
      'spec.parameters.highAvailability': 'environment',
      'spec.parameters.size': 'tenant',
      'spec.parameters.backup.retentionDays': 'platform',
      'spec.parameters.backup.window': 'schema',
      'metadata.namespace': 'fractal',
      'metadata.labels["cost-center"]': 'platform',
    });
    expect(parse(String(out.yaml))).toEqual(out.manifest);
    expect(calls.filter(c => c.method === 'apply')).toEqual([]);
  });

  it('writes the YAML into the workspace for a GitOps hand-off', async () => {
    const run = compile({
      name: 'orders-db',
      cluster: 'dev',
      writeTo: 'platform/orders-db.yaml',
    });
    await run.run();
    expect(run.outputs().path).toBe('platform/orders-db.yaml');
    const written = readFileSync(
      workspace.resolve('platform/orders-db.yaml'),
      'utf8',
    );
    expect(written).toBe(run.outputs().yaml);
  });

  it('refuses a workspace path outside the workspace before anything else', async () => {
    const run = compile({ name: 'orders-db', writeTo: '../../escape.yaml' });
    await expect(run.run()).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(calls).toEqual([]);
  });

  it.each<[string, JsonObject & { name: string }, string, 'none' | 'reads']>([
    ['a name that is not a DNS label', { name: 'Orders_DB' }, 'name', 'none'],
    [
      'a name longer than 63 characters',
      { name: 'a'.repeat(64) },
      'name',
      'none',
    ],
    [
      'an unknown cluster',
      { name: 'db', cluster: 'nowhere' },
      'cluster:',
      'none',
    ],
    [
      'an environment the cluster does not serve',
      { name: 'db', cluster: 'dev', environment: 'production' },
      'environment:',
      'none',
    ],
    [
      'a value above the maximum',
      { name: 'db', parameters: { storageGB: 5000 } },
      'spec.parameters.storageGB',
      'reads',
    ],
    [
      'a value outside the enum',
      { name: 'db', parameters: { version: '9' } },
      'spec.parameters.version',
      'reads',
    ],
    [
      'a value of the wrong type',
      { name: 'db', parameters: { storageGB: 'lots' } },
      'spec.parameters.storageGB',
      'reads',
    ],
    [
      'an unknown field',
      { name: 'db', parameters: { sizeGB: 10 } },
      'spec.parameters.sizeGB',
      'reads',
    ],
    [
      "Fractal's tenant label",
      { name: 'db', labels: { 'fractal.dev/tenant': 'checkout' } },
      'metadata.labels["fractal.dev/tenant"]',
      'reads',
    ],
    [
      'a kind that is not a platform kind',
      { name: 'db', kind: 'Secret' },
      'kind:',
      'reads',
    ],
  ])(
    'refuses %s with an InputError naming the field',
    async (_case, input, field, reached) => {
      const run = compile({ cluster: 'dev', ...input });
      await expect(run.run()).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(field),
      });
      expect(calls.filter(c => c.method === 'apply')).toEqual([]);
      expect(calls.length === 0).toBe(reached === 'none');
      expect(services.reports).toEqual([
        expect.objectContaining({ outcome: 'failed', reason: 'InputError' }),
      ]);
    },
  );

  it("refuses another tenant's request before any cluster request", async () => {
    const run = compile({ name: 'db', tenant: 'checkout', cluster: 'dev' });
    await expect(run.run()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        "user:default/ada is not a member of tenant 'checkout' and does not hold the platform.admin permission",
    });
    expect(calls).toEqual([]);
  });

  it('takes the tenant as an entity ref, as the tenant picker may store it', async () => {
    const run = compile({
      name: 'db',
      tenant: 'group:default/payments',
      cluster: 'dev',
    });
    await run.run();
    expect(run.outputs().namespace).toBe('tenant-payments');
  });
});
