import { platformProviderDefaults } from '../config/readPlatformProviderConfig';
import { loadKind, loadResource } from './__fixtures__/loadFixture';
import { buildPlatformEntities } from './buildPlatformEntities';

const kinds = [loadKind('kind-postgres'), loadKind('kind-bucket-no-schema')];
const resources = [
  loadResource('resource-postgres-payments'),
  loadResource('resource-bucket-no-tenant'),
  loadResource('resource-cluster-scoped-bad-refs'),
];

const refsOf = (result: ReturnType<typeof buildPlatformEntities>) =>
  result.entities.map(
    ({ entity }) => `${entity.kind}:${entity.metadata.name}`,
  );

describe('buildPlatformEntities', () => {
  it('provides an API per kind and a Resource per resource, linked by kind', () => {
    const result = buildPlatformEntities({ kinds, resources }, platformProviderDefaults);
    expect(refsOf(result)).toEqual([
      'API:postgresqlinstances.platform.fractal.dev',
      'API:buckets.platform.fractal.dev',
      'Resource:prod-eu-tenant-payments-postgresql-instance-orders-db',
      'Resource:dev-sandbox-bucket-scratch',
      'Resource:dev-dns-zone-shop-example-com',
    ]);
    expect(result.entities.map(({ entity }) => entity.spec?.dependsOn)).toEqual([
      undefined,
      undefined,
      ['api:default/postgresqlinstances.platform.fractal.dev'],
      ['api:default/buckets.platform.fractal.dev'],
      // DNSZone is not a listed kind: no API entity to depend on.
      undefined,
    ]);
    expect(result.counts).toEqual({ resources: 3, kinds: 2, templates: 0 });
    expect(result.duplicates).toEqual([]);
  });

  it('sets each entity location as its locationKey', () => {
    const result = buildPlatformEntities({ kinds, resources }, platformProviderDefaults);
    for (const { entity, locationKey } of result.entities) {
      expect(locationKey).toMatch(/^fractal-platform:/);
      expect(locationKey).toBe(
        entity.metadata.annotations?.['backstage.io/managed-by-location'],
      );
    }
  });

  it('leaves out API entities and their relations when kinds are disabled', () => {
    const result = buildPlatformEntities(
      { kinds, resources },
      { ...platformProviderDefaults, kinds: { ...platformProviderDefaults.kinds, enabled: false } },
    );
    expect(result.entities.map(({ entity }) => entity.kind)).toEqual([
      'Resource',
      'Resource',
      'Resource',
    ]);
    expect(result.entities.every(({ entity }) => !entity.spec?.dependsOn)).toBe(true);
    expect(result.counts.kinds).toBe(0);
  });

  it('keeps the first of two entities with one ref and reports the other', () => {
    const result = buildPlatformEntities(
      { kinds: [kinds[0], { ...kinds[0], version: 'v1' }], resources: [] },
      platformProviderDefaults,
    );
    expect(result.entities).toHaveLength(1);
    expect(result.duplicates).toEqual(['api:default/postgresqlinstances.platform.fractal.dev']);
  });

  it('generates a template for each kind no hand-written template covers', () => {
    const result = buildPlatformEntities(
      { kinds, resources: [], coveredKinds: new Set(['PostgreSQLInstance']) },
      platformProviderDefaults,
    );
    expect(refsOf(result)).toEqual([
      'API:postgresqlinstances.platform.fractal.dev',
      'API:buckets.platform.fractal.dev',
      'Template:platform-bucket',
    ]);
    expect(result.counts.templates).toBe(1);
  });

  it.each([
    ['hand-written templates are unknown', undefined, true],
    ['templates are disabled', new Set<string>(), false],
  ])('generates no template when %s', (_case, coveredKinds, enabled) => {
    const result = buildPlatformEntities(
      { kinds, resources: [], coveredKinds },
      {
        ...platformProviderDefaults,
        templates: { ...platformProviderDefaults.templates, enabled },
      },
    );
    expect(result.entities.map(({ entity }) => entity.kind)).toEqual(['API', 'API']);
  });
});
