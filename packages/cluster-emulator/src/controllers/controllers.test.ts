import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
  waitFor,
} from '../__testUtils__/testEmulator';

const API = 'platform.fractal.dev/v1alpha1';

describe('built-in controllers', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
  }, 30_000);
  afterAll(() => t.stop());

  const composite = (name: string) => ({
    apiVersion: API,
    kind: 'XBucket',
    metadata: { name },
    spec: { parameters: {} },
  });
  const managed = (name: string, owner: any) => ({
    apiVersion: 'demo.fractal.dev/v1alpha1',
    kind: 'ObjectStore',
    metadata: {
      name,
      ownerReferences: [
        {
          apiVersion: API,
          kind: 'XBucket',
          name: owner.metadata.name,
          uid: owner.metadata.uid,
          controller: true,
        },
      ],
    },
    spec: { forProvider: {} },
  });

  it('garbage-collects dependents in the background when their owner goes', async () => {
    const dev = t.emulator.cluster('dev');
    const owner = dev.create(composite('gc-owner'));
    dev.create(managed('gc-child', owner));
    expect(
      dev.get('demo.fractal.dev/v1alpha1', 'ObjectStore', 'gc-child'),
    ).toBeDefined();
    dev.delete(API, 'XBucket', 'gc-owner');
    await waitFor(
      () =>
        dev.get('demo.fractal.dev/v1alpha1', 'ObjectStore', 'gc-child') ===
        undefined
          ? true
          : undefined,
      3000,
      'child gone',
    );
    expect(dev.get(API, 'XBucket', 'gc-owner')).toBeUndefined();
  });

  it('orphans dependents with propagationPolicy=Orphan', async () => {
    const dev = t.emulator.cluster('dev');
    const owner = dev.create(composite('orphan-owner'));
    dev.create(managed('orphan-child', owner));
    const res = await t.raw({
      method: 'DELETE',
      path: `/apis/${API}/xbuckets/orphan-owner?propagationPolicy=Orphan`,
    });
    expect(res.status).toBe(200);
    await waitFor(
      () =>
        dev.get(API, 'XBucket', 'orphan-owner') === undefined
          ? true
          : undefined,
      3000,
      'owner gone',
    );
    const child = dev.get(
      'demo.fractal.dev/v1alpha1',
      'ObjectStore',
      'orphan-child',
    ) as any;
    expect(child).toBeDefined();
    expect(child.metadata.ownerReferences).toBeUndefined();
  });

  it('deletes dependents first with propagationPolicy=Foreground', async () => {
    const dev = t.emulator.cluster('dev');
    const owner = dev.create(composite('fg-owner'));
    dev.create(managed('fg-child', owner));
    const res = await t.raw({
      method: 'DELETE',
      path: `/apis/${API}/xbuckets/fg-owner`,
      body: JSON.stringify({ propagationPolicy: 'Foreground' }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.json().metadata.finalizers).toEqual(['foregroundDeletion']);
    await waitFor(
      () =>
        dev.get(API, 'XBucket', 'fg-owner') === undefined ? true : undefined,
      3000,
      'owner gone',
    );
    expect(
      dev.get('demo.fractal.dev/v1alpha1', 'ObjectStore', 'fg-child'),
    ).toBeUndefined();
  });

  it('terminates a namespace: Terminating, contents deleted, then gone; no new content meanwhile', async () => {
    const dev = t.emulator.cluster('dev');
    dev.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'doomed' },
    });
    dev.create({
      ...postgresClaim('held', 'doomed'),
      metadata: {
        name: 'held',
        namespace: 'doomed',
        finalizers: ['example.com/hold'],
      },
    });
    dev.create(postgresClaim('plain', 'doomed'));
    dev.delete('v1', 'Namespace', 'doomed');
    expect((dev.get('v1', 'Namespace', 'doomed') as any).status.phase).toBe(
      'Terminating',
    );
    expect(() => dev.create(postgresClaim('late', 'doomed'))).toThrow(
      /because it is being terminated/,
    );
    await waitFor(() =>
      dev.get(API, 'PostgreSQLInstance', 'plain', 'doomed') === undefined
        ? true
        : undefined,
    );
    const held = dev.get(API, 'PostgreSQLInstance', 'held', 'doomed') as any;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(dev.get('v1', 'Namespace', 'doomed')).toBeDefined();
    const res = await t.raw({
      method: 'PATCH',
      path: `/apis/${API}/namespaces/doomed/postgresqlinstances/held`,
      body: JSON.stringify({ metadata: { finalizers: null } }),
      contentType: 'application/merge-patch+json',
    });
    expect(res.status).toBe(200);
    await waitFor(
      () =>
        dev.get('v1', 'Namespace', 'doomed') === undefined ? true : undefined,
      3000,
      'namespace gone',
    );
    expect(() => dev.create(postgresClaim('after', 'doomed'))).toThrow(
      'namespaces "doomed" not found',
    );
  });
});
