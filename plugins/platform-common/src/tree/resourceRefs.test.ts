import { loadTreeFixture } from './__fixtures__/loadTreeFixture';
import { indexObjects } from './indexObjects';
import {
  childReferencesOf,
  objectKey,
  objectRefOf,
  ownerUidsOf,
  resourceRefKey,
  type ResourceReference,
} from './resourceRefs';

describe('resourceRefKey', () => {
  it.each<[ResourceReference, string]>([
    [
      { apiVersion: 'v1', kind: 'Secret', namespace: 'ns', name: 's' },
      'core/Secret/ns/s',
    ],
    [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'd' },
      'apps/Deployment/ns/d',
    ],
    [
      {
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'XBucket',
        name: 'b',
      },
      'platform.fractal.dev/XBucket//b',
    ],
    [
      {
        apiVersion: 'platform.fractal.dev/v1beta1',
        kind: 'XBucket',
        name: 'b',
      },
      'platform.fractal.dev/XBucket//b',
    ],
  ])('%j -> %s', (ref, key) => {
    expect(resourceRefKey(ref)).toBe(key);
  });
});

describe('childReferencesOf', () => {
  const [claim, composite] = loadTreeFixture('crossplane-v1-orders-db');
  const [application] = loadTreeFixture('crossplane-v2-storefront');

  it.each<[string, object, string[]]>([
    [
      'a claim',
      claim,
      ['platform.fractal.dev/XPostgreSQLInstance//orders-db-x7k2p'],
    ],
    [
      'a v1 composite',
      composite,
      [
        'demo.fractal.dev/DatabaseInstance//orders-db-x7k2p-db',
        'demo.fractal.dev/FirewallRule//orders-db-x7k2p-fw',
        'demo.fractal.dev/BackupPolicy//orders-db-x7k2p-backup',
      ],
    ],
    [
      'a namespaced v2 composite (namespace implied)',
      application,
      [
        'apps/Deployment/tenant-checkout/storefront',
        'core/Service/tenant-checkout/storefront',
        'networking.k8s.io/Ingress/tenant-checkout/storefront',
      ],
    ],
    [
      'a cluster-scoped v2 composite (namespaces as written)',
      {
        spec: {
          crossplane: {
            resourceRefs: [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                name: 'c',
                namespace: 'ns',
              },
              { apiVersion: 'demo.fractal.dev/v1', kind: 'Network', name: 'n' },
            ],
          },
        },
      },
      ['core/ConfigMap/ns/c', 'demo.fractal.dev/Network//n'],
    ],
    [
      'malformed entries',
      {
        spec: {
          resourceRef: 'x',
          resourceRefs: [
            null,
            { kind: 'A', name: 'a' },
            { apiVersion: 'v1', kind: 'B', name: '' },
          ],
          crossplane: { resourceRefs: {} },
        },
      },
      [],
    ],
    ['no spec', { metadata: { name: 'x' } }, []],
  ])('of %s', (_label, object, keys) => {
    expect(childReferencesOf(object).map(resourceRefKey)).toEqual(keys);
  });
});

describe('object helpers', () => {
  const objects = loadTreeFixture('crossplane-v1-orders-db');

  it('keys, refs and owners of fixture objects', () => {
    expect(objects.map(o => objectKey(o))).toContain(
      'core/Secret/tenant-payments/orders-db-conn',
    );
    expect(objectRefOf(objects[0], 'dev')).toEqual({
      cluster: 'dev',
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'PostgreSQLInstance',
      namespace: 'tenant-payments',
      name: 'orders-db',
      uid: '5f0c4e0e-6f5b-4a43-9b8e-2d8a3f1c9a01',
    });
    expect(ownerUidsOf(objects[2])).toEqual([
      '7d1e2f3a-0b4c-4d5e-8f60-718293a4b5c6',
    ]);
  });

  it.each([
    [{}],
    [{ kind: 'A', metadata: { name: 'a' } }],
    [{ apiVersion: 'v1', kind: 'A' }],
  ])('objectKey of the incomplete object %j is undefined', object => {
    expect(objectKey(object)).toBeUndefined();
  });

  it('indexObjects finds objects by reference and by owner', () => {
    const lookup = indexObjects('dev', [...objects, { kind: 'Broken' }]);
    expect(
      lookup.get({
        apiVersion: 'demo.fractal.dev/v1beta1',
        kind: 'DatabaseInstance',
        name: 'orders-db-x7k2p-db',
      }),
    ).toBe(objects[2]);
    expect(
      lookup.get({ apiVersion: 'v1', kind: 'Secret', name: 'orders-db-conn' }),
    ).toBeUndefined();
    expect(
      [...(lookup.ownedBy?.('7d1e2f3a-0b4c-4d5e-8f60-718293a4b5c6') ?? [])].map(
        o => objectKey(o),
      ),
    ).toEqual([
      'demo.fractal.dev/DatabaseInstance//orders-db-x7k2p-db',
      'demo.fractal.dev/FirewallRule//orders-db-x7k2p-fw',
      'core/Secret/crossplane-system/7d1e2f3a-0b4c-4d5e-8f60-718293a4b5c6',
    ]);
  });
});
