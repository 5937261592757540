import { expectValidEntity } from '../__testUtils__/expectValidEntity';
import { loadKind, loadResource } from './__fixtures__/loadFixture';
import { resourceEntityName, resourceToEntity } from './resourceToEntity';

const fallbackOwner = 'group:default/platform-team';

describe('resourceToEntity', () => {
  it('turns a tenant resource serving a component into a Resource entity', () => {
    const entity = resourceToEntity(loadResource('resource-postgres-payments'), {
      fallbackOwner,
      kind: loadKind('kind-postgres'),
      kindApiEntityRef: 'api:default/postgresqlinstances.platform.fractal.dev',
    });
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'prod-eu-tenant-payments-postgresql-instance-orders-db',
        title: 'orders-db (PostgreSQL database, prod-eu)',
        description:
          'PostgreSQL database orders-db in namespace tenant-payments of cluster prod-eu (production), owned by payments. Created through the portal by user:default/ada.',
        annotations: {
          'backstage.io/managed-by-location':
            'fractal-platform:clusters/prod-eu/resources/6f1c2d0e-8a51-4c1e-9d55-2b7f0a9e3c11',
          'backstage.io/managed-by-origin-location':
            'fractal-platform:clusters/prod-eu/resources/6f1c2d0e-8a51-4c1e-9d55-2b7f0a9e3c11',
          'fractal.dev/platform-resource':
            'prod-eu/6f1c2d0e-8a51-4c1e-9d55-2b7f0a9e3c11',
          'fractal.dev/cluster': 'prod-eu',
          'fractal.dev/namespace': 'tenant-payments',
          'fractal.dev/name': 'orders-db',
          'fractal.dev/api-version': 'platform.fractal.dev/v1alpha1',
          'fractal.dev/kind': 'PostgreSQLInstance',
          'fractal.dev/requested-by': 'user:default/ada',
          'fractal.dev/created-via': 'portal',
        },
        labels: {
          'fractal.dev/cluster': 'prod-eu',
          'fractal.dev/environment': 'production',
          'fractal.dev/kind': 'PostgreSQLInstance',
          'fractal.dev/tenant': 'payments',
        },
      },
      spec: {
        type: 'postgresql-instance',
        owner: 'group:default/payments',
        dependencyOf: ['component:default/orders'],
        dependsOn: ['api:default/postgresqlinstances.platform.fractal.dev'],
      },
    });
  });

  it.each([
    {
      fixture: 'resource-postgres-payments',
      name: 'prod-eu-tenant-payments-postgresql-instance-orders-db',
      owner: 'group:default/payments',
      dependencyOf: ['component:default/orders'],
      title: 'orders-db (PostgreSQL Instance, prod-eu)',
    },
    {
      // The object's own owner annotation and tenant label do not count: only
      // the namespace mapping (resource.tenant) decides.
      fixture: 'resource-bucket-no-tenant',
      name: 'dev-sandbox-bucket-scratch',
      owner: 'group:default/platform-team',
      dependencyOf: undefined,
      title: 'scratch (Bucket, dev)',
    },
    {
      fixture: 'resource-cache-long-name',
      name: expect.stringMatching(
        /^prod-us-tenant-analytics-cache-clickstream-sessionizat[a-z-]*-[0-9a-f]{8}$/,
      ),
      owner: 'group:default/analytics',
      dependencyOf: ['component:default/clickstream'],
      title: 'clickstream-sessionization-hot-partition-cache.v2 (Cache, prod-us)',
    },
    {
      fixture: 'resource-cluster-scoped-bad-refs',
      name: 'dev-dns-zone-shop-example-com',
      owner: 'group:default/platform-team',
      dependencyOf: undefined,
      title: 'shop-example-com (DNS Zone, dev)',
    },
  ])(
    '$fixture: name, owner, relations and title',
    async ({ fixture, name, owner, dependencyOf, title }) => {
      const entity = resourceToEntity(loadResource(fixture), { fallbackOwner });
      expect(entity.metadata.name).toEqual(name);
      expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
      expect(entity.spec.owner).toBe(owner);
      expect(entity.spec.dependencyOf).toEqual(dependencyOf);
      expect(entity.spec.dependsOn).toBeUndefined();
      expect(entity.metadata.title).toBe(title);
      await expectValidEntity(entity);
    },
  );

  it.each([
    ['resource-bucket-no-tenant', 'not mapped to a tenant', 'fractal.dev/tenant'],
    ['resource-cluster-scoped-bad-refs', 'on cluster dev (dev sandbox/1)', 'fractal.dev/namespace'],
  ])('%s says %j and leaves out %s', (fixture, phrase, missingKey) => {
    const entity = resourceToEntity(loadResource(fixture), { fallbackOwner });
    expect(entity.metadata.description).toContain(phrase);
    expect({
      ...entity.metadata.labels,
      ...entity.metadata.annotations,
    }).not.toHaveProperty([missingKey]);
  });

  it('cleans label values the catalog would refuse', () => {
    const entity = resourceToEntity(
      loadResource('resource-cluster-scoped-bad-refs'),
      { fallbackOwner },
    );
    expect(entity.metadata.labels).toEqual({
      'fractal.dev/cluster': 'dev',
      'fractal.dev/environment': 'dev-sandbox-1',
      'fractal.dev/kind': 'DNSZone',
    });
  });

  it('gives objects of two kinds with one name two entity names', () => {
    const ref = loadResource('resource-postgres-payments').ref;
    expect(resourceEntityName(ref)).not.toBe(
      resourceEntityName({ ...ref, kind: 'Bucket' }),
    );
  });

  it('gives the same object in two clusters two entity names', () => {
    const ref = loadResource('resource-postgres-payments').ref;
    expect(resourceEntityName(ref)).not.toBe(
      resourceEntityName({ ...ref, cluster: 'prod-us' }),
    );
  });
});
