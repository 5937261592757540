import { parse } from 'yaml';
import { expectValidEntity } from '../__testUtils__/expectValidEntity';
import { loadKind } from './__fixtures__/loadFixture';
import {
  kindApiEntityRef,
  kindToApiEntity,
  renderKindDefinition,
} from './kindToApiEntity';

const options = { owner: 'group:default/platform-team', lifecycle: 'production' };

describe('kindToApiEntity', () => {
  it('turns a platform kind into an API entity whose definition is its schema', () => {
    const kind = loadKind('kind-postgres');
    const entity = kindToApiEntity(kind, options);
    expect(entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: {
        name: 'postgresqlinstances.platform.fractal.dev',
        title: 'PostgreSQL database',
        description:
          'A managed PostgreSQL database with backups, sized by storage and version. Self-service kind PostgreSQLInstance (platform.fractal.dev/v1alpha1). Served by dev, prod-eu, prod-us.',
        annotations: {
          'backstage.io/managed-by-location':
            'fractal-platform:kinds/platform.fractal.dev/PostgreSQLInstance',
          'backstage.io/managed-by-origin-location':
            'fractal-platform:kinds/platform.fractal.dev/PostgreSQLInstance',
          'fractal.dev/kind': 'PostgreSQLInstance',
          'fractal.dev/api-version': 'platform.fractal.dev/v1alpha1',
          'fractal.dev/clusters': 'dev,prod-eu,prod-us',
        },
        labels: { 'fractal.dev/kind': 'PostgreSQLInstance' },
        tags: ['crd', 'platform'],
      },
      spec: {
        type: 'crd',
        lifecycle: 'production',
        owner: 'group:default/platform-team',
        definition: expect.any(String),
      },
    });
    expect(parse(entity.spec.definition)).toEqual(kind.schema);
  });

  it.each([
    {
      fixture: 'kind-postgres',
      name: 'postgresqlinstances.platform.fractal.dev',
      title: 'PostgreSQL database',
      header: '# PostgreSQLInstance (platform.fractal.dev/v1alpha1), namespaced: openAPIV3Schema',
    },
    {
      fixture: 'kind-bucket-no-schema',
      name: 'buckets.platform.fractal.dev',
      title: 'Bucket',
      header: '# Bucket (platform.fractal.dev/v1alpha1), namespaced: openAPIV3Schema',
    },
    {
      fixture: 'kind-cluster-scoped-long-group',
      name: expect.stringMatching(/^globalloadbalancers\.networking\.edge\.[a-z.-]*-[0-9a-f]{8}$/),
      title: 'Global Load Balancer',
      header:
        '# GlobalLoadBalancer (networking.edge.platform-engineering.example-corporation.internal/v1beta2), cluster-scoped: openAPIV3Schema',
    },
  ])('$fixture: name, title and definition', async ({ fixture, name, title, header }) => {
    const kind = loadKind(fixture);
    const entity = kindToApiEntity(kind, options);
    expect(entity.metadata.name).toEqual(name);
    expect(entity.metadata.name.length).toBeLessThanOrEqual(63);
    expect(entity.metadata.title).toBe(title);
    expect(entity.spec.definition.split('\n')[0]).toBe(header);
    expect(parse(entity.spec.definition)).toEqual(kind.schema ?? {});
    expect(kindApiEntityRef(kind)).toBe(`api:default/${entity.metadata.name}`);
    await expectValidEntity(entity);
  });

  it('says when the clusters publish no schema', () => {
    expect(renderKindDefinition(loadKind('kind-bucket-no-schema'))).toContain(
      'publish no schema',
    );
  });

  it('uses the configured owner and lifecycle', () => {
    const entity = kindToApiEntity(loadKind('kind-bucket-no-schema'), {
      owner: 'group:platform/sre',
      lifecycle: 'experimental',
    });
    expect(entity.spec).toMatchObject({
      owner: 'group:platform/sre',
      lifecycle: 'experimental',
    });
  });
});
