import { JsonObject } from '../util/json';
import {
  POSTGRES_PARAMETERS,
  APPLICATION_PARAMETERS,
  CACHE_PARAMETERS,
} from '../demo/claimSchemas';
import { JSONSchemaProps } from './JSONSchemaProps';
import {
  applyDefaults,
  pruneUnknownFields,
  validateSchema,
} from './processSchema';

const schema = (parameters: JSONSchemaProps): JSONSchemaProps => ({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['parameters'],
      properties: { parameters },
    },
  },
});

describe('structural schema processing', () => {
  it('prunes unknown fields and reports their paths, keeping preserved ones', () => {
    const obj: JsonObject = {
      spec: {
        parameters: {
          image: 'nginx',
          bogus: 1,
          config: { anything: { goes: true } },
          ingress: null,
        },
      },
      extra: true,
    };
    const unknown = pruneUnknownFields(obj, schema(APPLICATION_PARAMETERS));
    expect(unknown.sort()).toEqual(['extra', 'spec.parameters.bogus']);
    expect(obj).toEqual({
      spec: {
        parameters: {
          image: 'nginx',
          config: { anything: { goes: true } },
          ingress: null,
        },
      },
    });
  });

  it('applies nested defaults where the parent exists', () => {
    const obj: JsonObject = { spec: { parameters: { backup: {} } } };
    applyDefaults(obj, schema(POSTGRES_PARAMETERS));
    expect(obj).toEqual({
      spec: {
        parameters: {
          storageGB: 20,
          version: '16',
          highAvailability: false,
          backup: { retentionDays: 7, window: '02:00-03:00' },
        },
      },
    });
    const app: JsonObject = {
      spec: { parameters: { image: 'x', ports: [{ containerPort: 80 }] } },
    };
    applyDefaults(app, schema(APPLICATION_PARAMETERS));
    expect((app.spec as JsonObject).parameters).toMatchObject({
      replicas: 2,
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it.each([
    [
      { storageGB: 'big' },
      'FieldValueTypeInvalid',
      'spec.parameters.storageGB',
      'Invalid value: "string": spec.parameters.storageGB in body must be of type integer: "string"',
    ],
    [
      { storageGB: 5 },
      'FieldValueInvalid',
      'spec.parameters.storageGB',
      'Invalid value: 5: spec.parameters.storageGB in body should be greater than or equal to 10',
    ],
    [
      { version: '9' },
      'FieldValueNotSupported',
      'spec.parameters.version',
      'Unsupported value: "9": supported values: "14", "15", "16"',
    ],
    [
      { maintenanceWindow: 'later' },
      'FieldValueInvalid',
      'spec.parameters.maintenanceWindow',
      expect.stringContaining("should match '^(Mon|Tue"),
    ],
    [
      { extensions: ['pgcrypto', 'pgcrypto'] },
      'FieldValueDuplicate',
      'spec.parameters.extensions[1]',
      'Duplicate value: "pgcrypto"',
    ],
  ])('reports %j as %s at %s', (parameters, reason, field, message) => {
    const errors = validateSchema(
      { spec: { parameters } },
      schema(POSTGRES_PARAMETERS),
    );
    expect(errors).toEqual([{ reason, field, message }]);
  });

  it.each([
    [{ memoryMB: 200 }, 'should be a multiple of 128'],
    [{ ttlSeconds: 0 }, 'should be greater than 0'],
    [{ replicas: 9 }, 'should be less than or equal to 5'],
  ])('checks numeric bounds of %j', (parameters, detail) => {
    const errors = validateSchema(
      { spec: { parameters } },
      schema(CACHE_PARAMETERS),
    );
    expect(errors[0].message).toContain(detail);
  });

  it('requires required fields and accepts nullable ones', () => {
    expect(validateSchema({ spec: {} }, schema(POSTGRES_PARAMETERS))).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'spec.parameters',
        message: 'Required value',
      },
    ]);
    expect(
      validateSchema(
        { spec: { parameters: { image: 'a', ingress: null } } },
        schema(APPLICATION_PARAMETERS),
      ),
    ).toEqual([]);
    expect(
      validateSchema(
        { spec: { parameters: {} } },
        schema(APPLICATION_PARAMETERS),
      )[0].field,
    ).toBe('spec.parameters.image');
  });

  it('checks int-or-string and formats', () => {
    const ok = validateSchema(
      {
        spec: {
          parameters: {
            image: 'a',
            resources: { cpu: 2 },
            ingress: { host: 'app.example.com' },
          },
        },
      },
      schema(APPLICATION_PARAMETERS),
    );
    expect(ok).toEqual([]);
    const bad = validateSchema(
      {
        spec: {
          parameters: {
            image: 'a',
            resources: { cpu: true },
            ingress: { host: 'not a host' },
          },
        },
      },
      schema(APPLICATION_PARAMETERS),
    );
    expect(bad.map(e => e.field)).toEqual([
      'spec.parameters.resources.cpu',
      'spec.parameters.ingress.host',
    ]);
  });
});
