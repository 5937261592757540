import {
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
} from '../__testUtils__/testEmulator';
import { statusOf } from '../__testUtils__/statusOf';

const G = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  plural: 'postgresqlinstances',
};
const NS = 'tenant-payments';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

describe('patches and server-side apply with @kubernetes/client-node', () => {
  let t: TestEmulator;
  let custom: CustomObjectsApi;
  let objects: KubernetesObjectApi;

  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
    custom = t.kubeConfig().makeApiClient(CustomObjectsApi);
    objects = KubernetesObjectApi.makeApiClient(t.kubeConfig());
  }, 30_000);
  afterAll(() => t.stop());

  it('merge-patches: objects merge, null deletes, lists replace', async () => {
    await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('merge-1', NS, {
        storageGB: 20,
        size: 'small',
        extensions: ['pgcrypto'],
      }),
    });
    const patched: any = await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'merge-1',
        body: {
          spec: {
            parameters: { size: null, storageGB: 30, extensions: ['pg_trgm'] },
          },
        },
      },
      merge,
    );
    expect(patched.spec.parameters).toEqual({
      storageGB: 30,
      version: '16',
      highAvailability: false,
      extensions: ['pg_trgm'],
    });
  });

  it('JSON-patches, including test operations that fail with 422', async () => {
    await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('json-1'),
    });
    const patched: any = await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'json-1',
        body: [
          { op: 'test', path: '/spec/parameters/storageGB', value: 20 },
          { op: 'replace', path: '/spec/parameters/storageGB', value: 25 },
          { op: 'add', path: '/metadata/labels/tier', value: 'gold' },
        ],
      },
      jsonPatch,
    );
    expect(patched.spec.parameters.storageGB).toBe(25);
    expect(patched.metadata.labels.tier).toBe('gold');
    const failed = await statusOf(
      custom.patchNamespacedCustomObject(
        {
          ...G,
          namespace: NS,
          name: 'json-1',
          body: [{ op: 'test', path: '/spec/parameters/storageGB', value: 1 }],
        },
        jsonPatch,
      ),
    );
    expect(failed.code).toBe(422);
    const invalid = await statusOf(
      custom.patchNamespacedCustomObject(
        {
          ...G,
          namespace: NS,
          name: 'json-1',
          body: [
            { op: 'replace', path: '/spec/parameters/storageGB', value: 'big' },
          ],
        },
        jsonPatch,
      ),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body.details.causes[0]).toMatchObject({
      reason: 'FieldValueTypeInvalid',
      field: 'spec.parameters.storageGB',
    });
  });

  it('refuses strategic merge patches on custom resources with 415', async () => {
    await custom.createNamespacedCustomObject({
      ...G,
      namespace: NS,
      body: postgresClaim('smp-1'),
    });
    const refused = await statusOf(
      objects.patch({
        ...postgresClaim('smp-1'),
        spec: { parameters: { storageGB: 21 } },
      }),
    );
    expect(refused.code).toBe(415);
    expect(refused.body.reason).toBe('UnsupportedMediaType');
  });

  it('server-side applies: creates, records managed fields, updates, removes dropped fields', async () => {
    const config = {
      ...postgresClaim('ssa-1', NS, { storageGB: 20, size: 'small' }),
    };
    const created = await objects.patch(
      config,
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect(created.metadata?.managedFields).toEqual([
      {
        manager: 'fractal',
        operation: 'Apply',
        apiVersion: 'platform.fractal.dev/v1alpha1',
        time: expect.any(Date),
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:fractal.dev/tenant': {} } },
          'f:spec': { 'f:parameters': { 'f:size': {}, 'f:storageGB': {} } },
        },
      },
    ]);
    const again = await objects.patch(
      config,
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect(again.metadata?.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );

    const dropped = await objects.patch(
      { ...postgresClaim('ssa-1', NS, { storageGB: 40 }) },
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    const params = (dropped as any).spec.parameters;
    expect(params.storageGB).toBe(40);
    expect(params.size).toBeUndefined();
    expect(dropped.metadata?.generation).toBe(2);
  });

  it('answers 409 with FieldManagerConflict causes, and force takes ownership', async () => {
    await objects.patch(
      postgresClaim('ssa-2', NS, { storageGB: 20 }),
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    await custom.patchNamespacedCustomObject(
      {
        ...G,
        namespace: NS,
        name: 'ssa-2',
        body: { spec: { parameters: { storageGB: 50 } } },
        fieldManager: 'kubectl-edit',
      },
      merge,
    );
    const conflict = await statusOf(
      objects.patch(
        postgresClaim('ssa-2', NS, { storageGB: 30 }),
        undefined,
        undefined,
        'fractal',
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-edit" using platform.fractal.dev/v1alpha1: .spec.parameters.storageGB',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message:
              'conflict with "kubectl-edit" using platform.fractal.dev/v1alpha1',
            field: '.spec.parameters.storageGB',
          },
        ],
      },
      code: 409,
    });
    const sameValue = await objects.patch(
      postgresClaim('ssa-2', NS, { storageGB: 50 }),
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect((sameValue as any).spec.parameters.storageGB).toBe(50);

    const forced = await objects.patch(
      postgresClaim('ssa-2', NS, { storageGB: 30 }),
      undefined,
      undefined,
      'fractal',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect((forced as any).spec.parameters.storageGB).toBe(30);
    const editor = forced.metadata?.managedFields?.find(
      m => m.manager === 'kubectl-edit',
    );
    expect(JSON.stringify(editor?.fieldsV1 ?? {})).not.toContain('storageGB');
  });

  it('requires a field manager for apply and rejects force on other patches', async () => {
    const noManager = await statusOf(
      objects.patch(
        postgresClaim('ssa-3'),
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(noManager.code).toBe(422);
    expect(noManager.body.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    await objects.patch(
      postgresClaim('ssa-3'),
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    const forced = await statusOf(
      custom.patchNamespacedCustomObject(
        {
          ...G,
          namespace: NS,
          name: 'ssa-3',
          body: { metadata: { labels: { a: 'b' } } },
          force: true,
        },
        merge,
      ),
    );
    expect(forced.code).toBe(422);
  });

  it('applies the status subresource with its own manager', async () => {
    await objects.patch(
      postgresClaim('ssa-4'),
      undefined,
      undefined,
      'fractal',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    const status: any = await custom.patchNamespacedCustomObjectStatus(
      {
        ...G,
        namespace: NS,
        name: 'ssa-4',
        body: {
          apiVersion: 'platform.fractal.dev/v1alpha1',
          kind: 'PostgreSQLInstance',
          metadata: { name: 'ssa-4', namespace: NS },
          status: {
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'Available',
                lastTransitionTime: '2025-01-01T00:00:00Z',
              },
            ],
          },
        },
        fieldManager: 'my-controller',
        force: true,
      },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    );
    expect(status.status.conditions[0].type).toBe('Ready');
    const entry = status.metadata.managedFields.find(
      (m: any) => m.manager === 'my-controller',
    );
    expect(entry).toMatchObject({ operation: 'Apply', subresource: 'status' });
    expect(entry.fieldsV1).toEqual({
      'f:status': {
        'f:conditions': {
          'k:{"type":"Ready"}': {
            '.': {},
            'f:lastTransitionTime': {},
            'f:reason': {},
            'f:status': {},
            'f:type': {},
          },
        },
      },
    });
  });
});
