import type { KubeObject, ResourceChange } from '../cache/ResourceChange';
import {
  createResourceEventPublisher,
  isCatalogRelevant,
} from './createResourceEventPublisher';

const object: KubeObject = {
  apiVersion: 'platform.fractal.dev/v1alpha1',
  kind: 'Bucket',
  metadata: {
    name: 'b',
    namespace: 'tenant-payments',
    uid: 'u1',
    labels: { a: '1' },
  },
};

function change(over: Partial<ResourceChange>): ResourceChange {
  return {
    type: 'modified',
    cluster: 'dev',
    kind: {
      group: 'platform.fractal.dev',
      version: 'v1alpha1',
      kind: 'Bucket',
      plural: 'buckets',
      scope: 'Namespaced',
      title: 'Bucket',
      clusters: ['dev'],
      source: 'config',
    },
    object,
    previous: object,
    status: { state: 'Ready' },
    previousStatus: { state: 'InProgress' },
    tenant: 'payments',
    previousTenant: 'payments',
    observedAt: new Date(0),
    initial: false,
    ...over,
  };
}

describe('createResourceEventPublisher', () => {
  it.each<[string, Partial<ResourceChange>, boolean]>([
    ['a status-only change', {}, false],
    [
      'a relabel',
      {
        previous: {
          ...object,
          metadata: { ...object.metadata, labels: { a: '2' } },
        },
      },
      true,
    ],
    [
      'a new annotation',
      {
        previous: object,
        object: {
          ...object,
          metadata: { ...object.metadata, annotations: { x: 'y' } },
        },
      },
      true,
    ],
    ['a tenant move', { previousTenant: 'checkout' }, true],
    ['a creation', { type: 'added', previous: undefined }, true],
    [
      'a first listing',
      { type: 'added', previous: undefined, initial: true },
      false,
    ],
    ['a deletion', { type: 'deleted' }, true],
  ])('announces %s: %s', (_what, over, expected) => {
    expect(isCatalogRelevant(change(over))).toBe(expected);
  });

  it('publishes the resource identity on platform.resource', async () => {
    const publish = jest.fn();
    await createResourceEventPublisher({
      events: { publish, subscribe: jest.fn() },
    })(change({ type: 'deleted' }));
    expect(publish).toHaveBeenCalledWith({
      topic: 'platform.resource',
      eventPayload: {
        type: 'deleted',
        cluster: 'dev',
        uid: 'u1',
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'Bucket',
        name: 'b',
        namespace: 'tenant-payments',
        tenant: 'payments',
      },
    });
  });
});
