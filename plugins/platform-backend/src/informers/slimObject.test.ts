import { slimObject } from './slimObject';

describe('slimObject', () => {
  it('drops managedFields, last-applied-configuration and unknown fields', () => {
    const slim = slimObject({
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'Bucket',
      metadata: {
        name: 'assets',
        namespace: 'tenant-payments',
        uid: 'u1',
        generation: 2,
        resourceVersion: '42',
        creationTimestamp: '2025-06-01T00:00:00Z',
        labels: { 'fractal.dev/tenant': 'payments' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}',
          'fractal.dev/created-via': 'portal',
        },
        managedFields: [{ manager: 'fractal', fieldsV1: { 'f:spec': {} } }],
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'X',
            name: 'x',
            uid: 'o1',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        finalizers: ['finalizer.fractal.dev'],
        selfLink: '/apis/...',
      },
      spec: { region: 'eu' },
      status: { conditions: [] },
      extra: { ignored: true },
    });
    expect(slim).toEqual({
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'Bucket',
      metadata: {
        name: 'assets',
        namespace: 'tenant-payments',
        uid: 'u1',
        generation: 2,
        resourceVersion: '42',
        creationTimestamp: '2025-06-01T00:00:00Z',
        labels: { 'fractal.dev/tenant': 'payments' },
        annotations: { 'fractal.dev/created-via': 'portal' },
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'X',
            name: 'x',
            uid: 'o1',
            controller: true,
          },
        ],
        finalizers: ['finalizer.fractal.dev'],
      },
      spec: { region: 'eu' },
      status: { conditions: [] },
    });
  });

  it.each<[string, unknown]>([
    ['a non-object', 'text'],
    ['no metadata', { kind: 'X' }],
    ['no uid', { metadata: { name: 'a' } }],
    ['no name', { metadata: { uid: 'u' } }],
  ])('rejects %s', (_name, raw) => {
    expect(slimObject(raw)).toBeUndefined();
  });
});
