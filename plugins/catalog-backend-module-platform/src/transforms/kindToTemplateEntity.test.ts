import type { Entity } from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { expectValidEntity } from '../__testUtils__/expectValidEntity';
import { loadKind } from './__fixtures__/loadFixture';
import { coveredKinds, isCovered } from './coveredKinds';
import { kindToTemplateEntity, toFormSchema } from './kindToTemplateEntity';

const owner = 'group:default/platform-team';

describe('kindToTemplateEntity', () => {
  it.each([
    ['kind-postgres', 'platform-postgresql-instance', 'New PostgreSQL database'],
    ['kind-bucket-no-schema', 'platform-bucket', 'New Bucket'],
    ['kind-cluster-scoped-long-group', 'platform-global-load-balancer', 'New Global Load Balancer'],
  ])('%s: a valid template %s titled %j', async (fixture, name, title) => {
    const template = kindToTemplateEntity(loadKind(fixture), { owner });
    expect(template.metadata.name).toBe(name);
    expect(template.metadata.title).toBe(title);
    expect(template.spec.owner).toBe(owner);
    await expect(templateEntityV1beta3Validator.check(template)).resolves.toBe(true);
    await expectValidEntity(template);
  });

  it('asks for owner, name, cluster and the kind parameters, then compiles, applies and waits', () => {
    const kind = loadKind('kind-postgres');
    const template = kindToTemplateEntity(kind, { owner });
    const pages = template.spec.parameters as Array<{
      title: string;
      required?: string[];
      properties: Record<string, Record<string, unknown>>;
    }>;
    expect(pages.map(p => p.title)).toEqual([
      'Owner and placement',
      'PostgreSQL database settings',
      'Review',
    ]);
    expect(pages[0].required).toEqual(['tenant', 'name']);
    expect(pages[0].properties.tenant['ui:field']).toBe('PlatformTenantPicker');
    expect(pages[0].properties.cluster).toMatchObject({
      enum: ['dev', 'prod-eu', 'prod-us'],
      default: 'dev',
    });
    expect(pages[1].properties.parameters).toMatchObject({
      title: 'PostgreSQL database',
      type: 'object',
      required: ['storageGB'],
      properties: {
        version: { enum: ['14', '15', '16'], default: '16' },
        storageGB: { type: 'integer', minimum: 10 },
      },
    });
    expect(pages[2].properties.preview).toMatchObject({
      'ui:field': 'PlatformManifestPreview',
      'ui:options': { kind: 'PostgreSQLInstance' },
    });
    expect(template.spec.steps.map(s => s.action)).toEqual([
      'platform:resource:compile',
      'platform:resource:apply',
      'platform:resource:wait',
    ]);
    expect(template.spec.steps[0].input).toMatchObject({
      kind: 'PostgreSQLInstance',
      apiVersion: 'platform.fractal.dev/v1alpha1',
      parameters: '${{ parameters.parameters }}',
    });
    expect(template.metadata.annotations).toMatchObject({
      'fractal.dev/kind': 'PostgreSQLInstance',
      'fractal.dev/generated': 'true',
      'backstage.io/managed-by-location':
        'fractal-platform:templates/platform.fractal.dev/PostgreSQLInstance',
    });
  });

  it('offers an empty settings page and no cluster choice when the kind says nothing', () => {
    const kind = { ...loadKind('kind-bucket-no-schema'), clusters: [] };
    const pages = kindToTemplateEntity(kind, { owner }).spec.parameters as Array<{
      properties: Record<string, unknown>;
    }>;
    expect(pages[0].properties).not.toHaveProperty('cluster');
    expect(pages[1].properties.parameters).toEqual({
      title: 'Bucket',
      type: 'object',
      properties: {},
    });
  });
});

describe('toFormSchema', () => {
  it.each([
    [
      'drops Kubernetes keywords at every depth',
      {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: {
          size: { type: 'string', nullable: true, 'x-kubernetes-int-or-string': true },
          tags: { type: 'array', items: { type: 'object', 'x-kubernetes-map-type': 'atomic' } },
        },
      },
      {
        type: 'object',
        properties: {
          size: { type: 'string' },
          tags: { type: 'array', items: { type: 'object' } },
        },
      },
    ],
    [
      'no longer requires fields with a default',
      {
        type: 'object',
        required: ['a', 'b'],
        properties: { a: { type: 'string', default: 'x' }, b: { type: 'string' } },
      },
      {
        type: 'object',
        required: ['b'],
        properties: { a: { type: 'string', default: 'x' }, b: { type: 'string' } },
      },
    ],
    [
      'drops an emptied required list',
      { type: 'object', required: ['a'], properties: { a: { type: 'integer', default: 1 } } },
      { type: 'object', properties: { a: { type: 'integer', default: 1 } } },
    ],
  ])('%s', (_case, input, expected) => {
    expect(toFormSchema(input)).toEqual(expected);
  });
});

describe('coveredKinds', () => {
  const template = (annotations: Record<string, string>, kind = 'Template'): Entity => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind,
    metadata: { name: 'x', annotations },
  });

  it.each<[string, boolean, Entity]>([
    ['a hand-written template by kind', true, template({ 'fractal.dev/kind': 'PostgreSQLInstance' })],
    [
      'a hand-written template by group and kind',
      true,
      template({ 'fractal.dev/kind': 'platform.fractal.dev/PostgreSQLInstance' }),
    ],
    ['a template of another group', false, template({ 'fractal.dev/kind': 'other.dev/PostgreSQLInstance' })],
    [
      'a generated template',
      false,
      template({ 'fractal.dev/kind': 'PostgreSQLInstance', 'fractal.dev/generated': 'true' }),
    ],
    [
      'a template provided by this module',
      false,
      template({
        'fractal.dev/kind': 'PostgreSQLInstance',
        'backstage.io/managed-by-location': 'fractal-platform:templates/x',
      }),
    ],
    ['an entity that is not a template', false, template({ 'fractal.dev/kind': 'PostgreSQLInstance' }, 'API')],
    ['a template without the annotation', false, template({})],
  ])('%s covers PostgreSQLInstance: %s', (_case, expected, entity) => {
    expect(isCovered(loadKind('kind-postgres'), coveredKinds([entity]))).toBe(expected);
  });
});
