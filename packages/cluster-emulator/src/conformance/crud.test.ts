import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
  waitFor,
} from '../__testUtils__/testEmulator';
import { statusOf } from '../__testUtils__/statusOf';

const G = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  plural: 'postgresqlinstances',
};
const NS = 'tenant-payments';

describe('CRUD with @kubernetes/client-node', () => {
  let t: TestEmulator;
  let custom: CustomObjectsApi;
  let objects: KubernetesObjectApi;
  let core: CoreV1Api;

  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
    const kc = t.kubeConfig();
    custom = kc.makeApiClient(CustomObjectsApi);
    objects = KubernetesObjectApi.makeApiClient(kc);
    core = kc.makeApiClient(CoreV1Api);
  }, 30_000);
  afterAll(() => t.stop());

  it('creates, reads, replaces and deletes a custom resource', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('crud-1'),
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.creationTimestamp).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(created.metadata.resourceVersion).toMatch(/^\d+$/);

    const read: any = await custom.getNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'crud-1',
    });
    expect(read.metadata.uid).toBe(created.metadata.uid);

    read.spec.parameters.storageGB = 40;
    const replaced: any = await custom.replaceNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'crud-1',
      body: read,
    });
    expect(replaced.spec.parameters.storageGB).toBe(40);
    expect(replaced.metadata.generation).toBe(2);
    expect(Number(replaced.metadata.resourceVersion)).toBeGreaterThan(
      Number(read.metadata.resourceVersion),
    );

    const deleted: any = await custom.deleteNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'crud-1',
    });
    expect(deleted).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'crud-1', kind: 'postgresqlinstances' },
    });
    const gone = await statusOf(
      custom.getNamespacedCustomObject({ ...G, namespace: NS, name: 'crud-1' }),
    );
    expect(gone.code).toBe(404);
    expect(gone.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'postgresqlinstances.platform.fractal.dev "crud-1" not found',
      reason: 'NotFound',
      details: {
        name: 'crud-1',
        group: 'platform.fractal.dev',
        kind: 'postgresqlinstances',
      },
      code: 404,
    });
  });

  it('applies schema defaults and answers 422 with field paths for invalid objects', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('defaults-1', NS, {}),
    });
    expect(created.spec.parameters).toEqual({
      storageGB: 20,
      version: '16',
      highAvailability: false,
    });
    expect(created.spec.compositeDeletePolicy).toBe('Background');

    const invalid = await statusOf(
      custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: {
          ...postgresClaim('bad-1', NS, {
            storageGB: 5000,
            version: '9',
            backup: { window: 'noon' },
          }),
        },
      }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body.reason).toBe('Invalid');
    expect(invalid.body.details.kind).toBe('PostgreSQLInstance');
    expect(invalid.body.details.causes).toEqual(
      expect.arrayContaining([
        {
          reason: 'FieldValueInvalid',
          message:
            'Invalid value: 5000: spec.parameters.storageGB in body should be less than or equal to 1000',
          field: 'spec.parameters.storageGB',
        },
        {
          reason: 'FieldValueNotSupported',
          message: 'Unsupported value: "9": supported values: "14", "15", "16"',
          field: 'spec.parameters.version',
        },
        expect.objectContaining({
          reason: 'FieldValueInvalid',
          field: 'spec.parameters.backup.window',
        }),
      ]),
    );
    expect(invalid.body.message).toMatch(
      /^PostgreSQLInstance\.platform\.fractal\.dev "bad-1" is invalid: \[spec\.parameters\./,
    );

    const missing = await statusOf(
      custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: {
          apiVersion: 'platform.fractal.dev/v1alpha1',
          kind: 'PostgreSQLInstance',
          metadata: { name: 'bad-2' },
          spec: {},
        },
      }),
    );
    expect(missing.code).toBe(422);
    expect(missing.body.details.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.parameters',
      },
    ]);
  });

  it('keeps dryRun=All writes out of storage', async () => {
    const dry: any = await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('dry-1'),
      dryRun: 'All',
    });
    expect(dry.metadata.name).toBe('dry-1');
    expect(dry.spec.parameters.version).toBe('16');
    expect(
      (
        await statusOf(
          custom.getNamespacedCustomObject({
            ...G,
            namespace: NS,
            name: 'dry-1',
          }),
        )
      ).code,
    ).toBe(404);
    const invalid = await statusOf(
      custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: postgresClaim('dry-2', NS, { storageGB: 1 }),
        dryRun: 'All',
      }),
    );
    expect(invalid.code).toBe(422);
  });

  it('answers 409 AlreadyExists and 409 Conflict on a stale resourceVersion', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('conflict-1'),
    });
    const exists = await statusOf(
      custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: postgresClaim('conflict-1'),
      }),
    );
    expect(exists).toMatchObject({
      code: 409,
      body: {
        reason: 'AlreadyExists',
        message:
          'postgresqlinstances.platform.fractal.dev "conflict-1" already exists',
      },
    });

    await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'conflict-1',
        body: { metadata: { labels: { touched: 'yes' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const unconditional = await statusOf(
      custom.replaceNamespacedCustomObject({
        ...G,
        namespace: NS,
        name: 'conflict-1',
        body: {
          ...created,
          metadata: { ...created.metadata, resourceVersion: undefined },
        },
      }),
    );
    expect(unconditional.code).toBe(422);
    expect(unconditional.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 0x0: must be specified for an update',
        field: 'metadata.resourceVersion',
      },
    ]);
    const stale = await statusOf(
      custom.replaceNamespacedCustomObject({
        ...G,
        namespace: NS,
        name: 'conflict-1',
        body: created,
      }),
    );
    expect(stale.code).toBe(409);
    expect(stale.body).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on postgresqlinstances.platform.fractal.dev "conflict-1": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('bumps generation for spec changes only, and the main endpoint ignores status', async () => {
    const created: any = await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: { ...postgresClaim('gen-1'), status: { address: 'ignored' } },
    });
    expect(created.status).toBeUndefined();
    const labelled: any = await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'gen-1',
        body: {
          metadata: { labels: { a: 'b' } },
          status: { address: 'still-ignored' },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled.status).toBeUndefined();

    const withStatus: any = await custom.patchNamespacedCustomObjectStatus(
      {
        ...G,
        namespace: NS,
        name: 'gen-1',
        body: {
          status: { address: 'db.example' },
          spec: { parameters: { storageGB: 999 } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(withStatus.status.address).toBe('db.example');
    expect(withStatus.spec.parameters.storageGB).toBe(20);
    expect(withStatus.metadata.generation).toBe(1);

    const status: any = await custom.getNamespacedCustomObjectStatus({
      ...G,
      namespace: NS,
      name: 'gen-1',
    });
    status.status.port = 5432;
    const replacedStatus: any =
      await custom.replaceNamespacedCustomObjectStatus({
        ...G,
        namespace: NS,
        name: 'gen-1',
        body: status,
      });
    expect(replacedStatus.status).toEqual({
      address: 'db.example',
      port: 5432,
    });

    const specChange: any = await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'gen-1',
        body: { spec: { parameters: { storageGB: 30 } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(specChange.metadata.generation).toBe(2);
    expect(specChange.status.address).toBe('db.example');
  });

  it('deletes through finalizers: deletionTimestamp first, gone when the last finalizer goes', async () => {
    await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: {
        ...postgresClaim('fin-1'),
        metadata: { name: 'fin-1', finalizers: ['example.com/hold'] },
      },
    });
    const pending: any = await custom.deleteNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'fin-1',
    });
    expect(pending.metadata.deletionTimestamp).toBeDefined();
    expect(pending.metadata.generation).toBe(2);
    const still: any = await custom.getNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'fin-1',
    });
    expect(still.metadata.finalizers).toEqual(['example.com/hold']);

    const added = await statusOf(
      custom.patchNamespacedCustomObject(
        {
          ...G,
          namespace: NS,
          name: 'fin-1',
          body: {
            metadata: { finalizers: ['example.com/hold', 'example.com/more'] },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(added.code).toBe(422);

    await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'fin-1',
        body: [{ op: 'remove', path: '/metadata/finalizers' }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(
      (
        await statusOf(
          custom.getNamespacedCustomObject({
            ...G,
            namespace: NS,
            name: 'fin-1',
          }),
        )
      ).code,
    ).toBe(404);
  });

  it('serves discovery the way KubernetesObjectApi resolves kinds', async () => {
    const claim = postgresClaim('objapi-1');
    const created = await objects.create(claim);
    expect(created.metadata?.uid).toBeDefined();
    const read = await objects.read({
      apiVersion: claim.apiVersion,
      kind: claim.kind,
      metadata: { name: 'objapi-1', namespace: NS },
    });
    expect(read.kind).toBe('PostgreSQLInstance');
    const list = await objects.list(
      'platform.fractal.dev/v1alpha1',
      'PostgreSQLInstance',
      NS,
    );
    expect(list.kind).toBe('PostgreSQLInstanceList');
    expect(list.items.map(i => i.metadata?.name)).toContain('objapi-1');
    const ns = await objects.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS },
    });
    expect(ns.metadata?.labels).toMatchObject({
      'fractal.dev/tenant': 'payments',
      'kubernetes.io/metadata.name': NS,
    });
    const composite = await objects.list(
      'platform.fractal.dev/v1alpha1',
      'XPostgreSQLInstance',
    );
    expect(composite.kind).toBe('XPostgreSQLInstanceList');
    await expect(
      objects.read({
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'Nope',
        metadata: { name: 'x' },
      }),
    ).rejects.toThrow(/Unrecognized API version and kind/);
  });

  it('serves core namespaces and events through CoreV1Api', async () => {
    const namespaces = await core.listNamespace({
      labelSelector: 'fractal.dev/tenant',
    });
    expect(namespaces.items.map(n => n.metadata?.name).sort()).toEqual([
      'tenant-analytics',
      'tenant-checkout',
      'tenant-identity',
      'tenant-payments',
      'tenant-search',
    ]);
    expect(namespaces.items[0].status?.phase).toBe('Active');
    await core.createNamespacedEvent({
      namespace: NS,
      body: {
        metadata: { name: 'evt-1' },
        involvedObject: {
          kind: 'PostgreSQLInstance',
          name: 'x',
          namespace: NS,
          uid: 'u-1',
        },
        reason: 'Testing',
        message: 'hello',
        type: 'Normal',
      },
    });
    const events = await core.listNamespacedEvent({
      namespace: NS,
      fieldSelector: 'involvedObject.uid=u-1',
    });
    expect(events.items.map(e => e.reason)).toEqual(['Testing']);
  });

  it('creates a CRD and serves its kind at once; deleting it removes the kind', async () => {
    const kc = t.kubeConfig();
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    const crd = await ext.createCustomResourceDefinition({
      body: {
        metadata: {
          name: 'widgets.example.com',
          labels: { 'fractal.dev/self-service': 'true' },
        },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: {
            plural: 'widgets',
            singular: 'widget',
            kind: 'Widget',
            listKind: 'WidgetList',
          },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  properties: {
                    spec: {
                      type: 'object',
                      properties: { size: { type: 'integer', _default: 3 } },
                    },
                  },
                },
              },
            },
          ],
        },
      },
    });
    expect(
      crd.status?.conditions?.find(c => c.type === 'Established')?.status,
    ).toBe('True');
    const selfService = await ext.listCustomResourceDefinition({
      labelSelector: 'fractal.dev/self-service=true',
    });
    expect(selfService.items.map(c => c.metadata?.name)).toContain(
      'widgets.example.com',
    );
    const widget: any = await custom.createNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      plural: 'widgets',
      namespace: NS,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w1' },
        spec: {},
      },
    });
    expect(widget.spec.size).toBe(3);
    const widgetEvents: string[] = [];
    const widgetWatchDone = new Promise(resolve => {
      new Watch(kc)
        .watch(
          `/apis/example.com/v1/namespaces/${NS}/widgets`,
          { resourceVersion: t.emulator.cluster('dev').resourceVersion() },
          type => widgetEvents.push(type),
          resolve,
        )
        .catch(resolve);
    });
    const otherWatch = await new Watch(kc).watch(
      `/apis/platform.fractal.dev/v1alpha1/namespaces/${NS}/postgresqlinstances`,
      { resourceVersion: t.emulator.cluster('dev').resourceVersion() },
      () => undefined,
      () => undefined,
    );
    await waitFor(() =>
      t.emulator.cluster('dev').openWatches() === 2 ? true : undefined,
    );
    await ext.deleteCustomResourceDefinition({ name: 'widgets.example.com' });
    await widgetWatchDone;
    expect(widgetEvents).toEqual(['DELETED']);
    expect(t.emulator.cluster('dev').openWatches()).toBe(1);
    otherWatch.abort();
    const gone = await statusOf(
      custom.listNamespacedCustomObject({
        group: 'example.com',
        version: 'v1',
        plural: 'widgets',
        namespace: NS,
      }),
    );
    expect(gone.code).toBe(404);

    const invalid = await statusOf(
      ext.createCustomResourceDefinition({
        body: {
          metadata: { name: 'wrong.example.com' },
          spec: {
            group: 'example.com',
            scope: 'Namespaced',
            names: { plural: 'things', kind: 'Thing' },
            versions: [],
          },
        },
      }),
    );
    expect(invalid.code).toBe(422);
  });
});
