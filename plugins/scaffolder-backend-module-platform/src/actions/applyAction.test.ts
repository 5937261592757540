import { mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
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
import { createApplyAction } from './applyAction';
import { createCompileAction } from './compileAction';

const API_VERSION = 'platform.fractal.dev/v1alpha1';
const alan = mockCredentials.user('user:default/alan');
const grace = mockCredentials.user('user:default/grace');

describe('platform:resource:apply on the emulator', () => {
  let env: TestEmulator;
  let calls: RecordedCall[];
  let services: ReturnType<typeof createTestServices>;

  beforeAll(async () => {
    env = await startTestEmulator();
  }, 120_000);
  afterAll(() => env?.stop());
  beforeEach(() => {
    calls = [];
    services = createTestServices({
      clusters: env.clusters,
      wrapClient: client => recordCalls(client, calls),
    });
  });

  const stored = (
    name: string,
    namespace = 'tenant-payments',
    kind = 'PostgreSQLInstance',
  ) => env.emulator.cluster('dev').get(API_VERSION, kind, name, namespace);

  async function compile(
    input: {
      name: string;
      tenant?: string;
      parameters?: JsonObject;
      kind?: string;
    },
    credentials = mockCredentials.user('user:default/ada'),
  ) {
    const run = actionContext(createCompileAction(services.services), {
      input: {
        kind: input.kind ?? 'PostgreSQLInstance',
        tenant: input.tenant ?? 'payments',
        name: input.name,
        cluster: 'dev',
        parameters: input.parameters ?? { storageGB: 50, size: 'medium' },
      },
      credentials,
    });
    await run.run();
    return run.outputs();
  }

  function apply(
    manifest: unknown,
    options: { credentials?: typeof alan; isDryRun?: boolean } = {},
  ) {
    return actionContext(createApplyAction(services.services), {
      input: {
        manifest: manifest as JsonObject,
        cluster: 'dev',
        reportSuccess: true,
      },
      ...options,
    });
  }

  it('runs a server-side dry run, then applies with the fractal field manager', async () => {
    const { manifest } = await compile({ name: 'orders-db' });
    const run = apply(manifest);
    await run.run();
    expect(calls.filter(c => c.method === 'apply').map(c => c.dryRun)).toEqual([
      true,
      false,
    ]);
    expect(run.outputs()).toMatchObject({
      cluster: 'dev',
      apiVersion: API_VERSION,
      kind: 'PostgreSQLInstance',
      namespace: 'tenant-payments',
      name: 'orders-db',
      created: true,
      changed: true,
      dryRun: false,
      uid: expect.stringMatching(/.+/),
    });
    expect(stored('orders-db')).toMatchObject({
      metadata: {
        uid: run.outputs().uid,
        labels: {
          'fractal.dev/tenant': 'payments',
          'app.kubernetes.io/managed-by': 'fractal',
        },
        managedFields: expect.arrayContaining([
          expect.objectContaining({ manager: 'fractal' }),
        ]),
      },
      spec: { parameters: { storageGB: 50, size: 'medium' } },
    });
    expect(run.messages().join('\n')).toContain(
      'Created PostgreSQLInstance tenant-payments/orders-db',
    );
    expect(services.reports).toEqual([
      expect.objectContaining({
        outcome: 'succeeded',
        tenant: 'payments',
        kind: 'PostgreSQLInstance',
      }),
    ]);
  });

  it('is idempotent: re-running the same step changes nothing', async () => {
    const { manifest } = await compile({ name: 'ledger-db' });
    const first = apply(manifest);
    await first.run();
    const second = apply(manifest);
    await second.run();
    expect(second.outputs()).toMatchObject({ created: false, changed: false });
    // The operator writes status in between; the spec stays at generation 1.
    expect(stored('ledger-db')).toMatchObject({ metadata: { generation: 1 } });
  });

  it('applies nothing in a dry run and reports the manifest', async () => {
    const { manifest, yaml } = await compile({ name: 'preview-db' });
    const run = apply(manifest, { isDryRun: true });
    await run.run();
    expect(run.outputs()).toMatchObject({ dryRun: true, created: false, yaml });
    expect(calls.filter(c => c.method === 'apply')).toEqual([]);
    expect(stored('preview-db')).toBeUndefined();
    expect(services.reports).toEqual([]);
  });

  it("refuses another tenant's request before anything reaches the cluster", async () => {
    const { manifest } = await compile(
      { name: 'checkout-db', tenant: 'checkout' },
      alan,
    );
    calls.length = 0;
    const run = apply(manifest);
    await expect(run.run()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("is not a member of tenant 'checkout'"),
    });
    expect(calls).toEqual([]);
    expect(stored('checkout-db', 'tenant-checkout')).toBeUndefined();
    expect(services.reports).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        tenant: 'checkout',
        reason: 'NotAllowedError',
      }),
    ]);
  });

  it('refuses a manifest moved into another tenant namespace', async () => {
    const { manifest } = await compile({ name: 'moved-db' });
    const moved = JSON.parse(JSON.stringify(manifest));
    moved.metadata.namespace = 'tenant-checkout';
    await expect(apply(moved).run()).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        "manifest.metadata.namespace must be 'tenant-payments'",
      ),
    });
    expect(calls.filter(c => c.method === 'apply')).toEqual([]);
    expect(stored('moved-db', 'tenant-checkout')).toBeUndefined();
  });

  it('refuses to take over a resource that Fractal does not manage', async () => {
    env.emulator.cluster('dev').create(
      {
        apiVersion: API_VERSION,
        kind: 'PostgreSQLInstance',
        metadata: { name: 'handmade-db', namespace: 'tenant-payments' },
        spec: { parameters: { storageGB: 30 } },
      },
      { fieldManager: 'kubectl' },
    );
    const { manifest } = await compile({ name: 'handmade-db' });
    await expect(apply(manifest).run()).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('is not managed by Fractal'),
    });
    expect(calls.filter(c => c.method === 'apply')).toEqual([]);
    expect(stored('handmade-db')?.spec).toMatchObject({
      parameters: { storageGB: 30 },
    });
  });

  it('refuses to take over a resource labelled for another tenant', async () => {
    env.emulator.cluster('dev').create(
      {
        apiVersion: API_VERSION,
        kind: 'Cache',
        metadata: {
          name: 'shared-cache',
          namespace: 'tenant-payments',
          labels: {
            'fractal.dev/tenant': 'checkout',
            'app.kubernetes.io/managed-by': 'fractal',
          },
        },
        spec: { parameters: { memoryMB: 256 } },
      },
      { fieldManager: 'fractal' },
    );
    const { manifest } = await compile({
      name: 'shared-cache',
      kind: 'Cache',
      parameters: { memoryMB: 512 },
    });
    await expect(apply(manifest).run()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("belongs to tenant 'checkout'"),
    });
    expect(
      stored('shared-cache', 'tenant-payments', 'Cache')?.spec,
    ).toMatchObject({
      parameters: { memoryMB: 256 },
    });
  });

  it('surfaces a server-side apply conflict with another field manager', async () => {
    const { manifest } = await compile({ name: 'contested-db' });
    await apply(manifest).run();
    env.emulator.cluster('dev').apply(
      {
        apiVersion: API_VERSION,
        kind: 'PostgreSQLInstance',
        metadata: { name: 'contested-db', namespace: 'tenant-payments' },
        spec: { parameters: { storageGB: 80 } },
      },
      { fieldManager: 'kubectl', force: true },
    );
    const { manifest: resized } = await compile({
      name: 'contested-db',
      parameters: { storageGB: 60, size: 'medium' },
    });
    await expect(apply(resized).run()).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /conflicts with another field manager.*kubectl/,
      ),
    });
    expect(stored('contested-db')?.spec).toMatchObject({
      parameters: { storageGB: 80 },
    });
  });

  it('lets a platform admin apply for any tenant', async () => {
    const { manifest } = await compile(
      { name: 'search-db', tenant: 'search' },
      alan,
    );
    await apply(manifest, { credentials: alan }).run();
    expect(stored('search-db', 'tenant-search')).toMatchObject({
      metadata: {
        annotations: { 'fractal.dev/requested-by': 'user:default/alan' },
      },
    });
  });

  it('refuses a manifest compiled for someone else', async () => {
    const { manifest } = await compile(
      { name: 'borrowed-db', tenant: 'checkout' },
      grace,
    );
    await expect(
      apply(manifest, { credentials: alan }).run(),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('fractal.dev/requested-by'),
    });
    expect(stored('borrowed-db', 'tenant-checkout')).toBeUndefined();
  });
});
