import type { JsonObject, JsonValue } from '../api/types';
import { compileSchemaValidator } from './SchemaValidatorCache';
import { convertStructuralSchema } from './convertStructuralSchema';

/** Validates `{ spec: { v: value } }` against a CRD-like root whose `spec.v` has `schema`. */
function check(schema: JsonObject, value: JsonValue | undefined) {
  const validate = compileSchemaValidator({
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { v: schema } },
    },
  });
  const spec: JsonObject = value === undefined ? {} : { v: value };
  return validate({
    apiVersion: 'x/v1',
    kind: 'X',
    metadata: { name: 'n' },
    spec,
  }).map(e => `${e.path} ${e.message}`);
}

describe('convertStructuralSchema', () => {
  it.each<[string, JsonObject, JsonValue, string[]]>([
    ['nullable admits null', { type: 'string', nullable: true }, null, []],
    [
      'without nullable null is refused',
      { type: 'string' },
      null,
      ['spec.v must be a string'],
    ],
    [
      'nullable enum admits null',
      { type: 'string', enum: ['a'], nullable: true },
      null,
      [],
    ],
    [
      'int-or-string takes an integer',
      { 'x-kubernetes-int-or-string': true },
      3,
      [],
    ],
    [
      'int-or-string takes a string',
      { 'x-kubernetes-int-or-string': true },
      '50%',
      [],
    ],
    [
      'int-or-string refuses a float',
      { 'x-kubernetes-int-or-string': true },
      1.5,
      [
        'spec.v must be an integer or a string, or match one of the allowed shapes',
      ],
    ],
    [
      'objects are closed',
      { type: 'object', properties: { a: { type: 'string' } } },
      { a: 'x', b: 1 },
      ['spec.v.b is not a field of this kind'],
    ],
    [
      'an object without properties is closed too',
      { type: 'object' },
      { a: 1 },
      ['spec.v.a is not a field of this kind'],
    ],
    [
      'preserve-unknown-fields keeps them open',
      {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        properties: { a: { type: 'string' } },
      },
      { a: 'x', b: { c: [1] } },
      [],
    ],
    [
      'additionalProperties maps',
      { type: 'object', additionalProperties: { type: 'integer' } },
      { a: 1, b: 'x' },
      ['spec.v.b must be an integer'],
    ],
    [
      'boolean exclusiveMaximum',
      { type: 'integer', maximum: 10, exclusiveMaximum: true },
      10,
      ['spec.v must be < 10'],
    ],
    [
      'boolean exclusiveMinimum',
      { type: 'number', minimum: 0, exclusiveMinimum: true },
      0.001,
      [],
    ],
    [
      'list-type set',
      {
        type: 'array',
        items: { type: 'string' },
        'x-kubernetes-list-type': 'set',
      },
      ['a', 'a'],
      ['spec.v must not contain duplicate items (items 0 and 1 are equal)'],
    ],
    [
      'list-type map keys',
      {
        type: 'array',
        items: {
          type: 'object',
          properties: { k: { type: 'string' }, n: { type: 'integer' } },
        },
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['k', 'n'],
      },
      [
        { k: 'a', n: 1 },
        { k: 'a', n: 2 },
        { k: 'a', n: 1 },
      ],
      ['spec.v must not contain two items with the same k, n'],
    ],
    [
      'embedded resources allow apiVersion, kind, metadata',
      {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: {
          spec: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a', labels: { x: 'y' } },
        spec: { any: 1 },
      },
      [],
    ],
    [
      'CEL rules are left to the API server',
      {
        type: 'string',
        'x-kubernetes-validations': [{ rule: 'self == "never"' }],
      },
      'anything',
      [],
    ],
    [
      'format int32',
      { type: 'integer', format: 'int32' },
      2 ** 31,
      ['spec.v must be a valid int32'],
    ],
    [
      'format date-time',
      { type: 'string', format: 'date-time' },
      'yesterday',
      ['spec.v must be a valid date-time'],
    ],
    [
      'format datetime is an alias',
      { type: 'string', format: 'datetime' },
      '2025-06-02T10:00:00Z',
      [],
    ],
    [
      'format duration is a Go duration',
      { type: 'string', format: 'duration' },
      '1h30m',
      [],
    ],
    [
      'format duration refuses ISO 8601',
      { type: 'string', format: 'duration' },
      'PT1H',
      ['spec.v must be a valid duration'],
    ],
    [
      'format cidr',
      { type: 'string', format: 'cidr' },
      '10.0.0.0/33',
      ['spec.v must be a valid cidr'],
    ],
    [
      'unknown formats are ignored',
      { type: 'string', format: 'k8s-quantity' },
      'anything',
      [],
    ],
    [
      'patterns are checked within maxLength',
      { type: 'string', maxLength: 3, pattern: '^a+$' },
      'aab',
      ['spec.v must match the pattern ^a+$'],
    ],
    [
      'patterns are not run on over-long strings',
      { type: 'string', maxLength: 3, pattern: '^a+$' },
      'bbbb',
      ['spec.v must not have more than 3 characters'],
    ],
    [
      'allOf/anyOf branches are not closed',
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        anyOf: [{ required: ['a'] }, { required: ['b'] }],
      },
      { b: 'x' },
      [],
    ],
  ])('%s', (_label, schema, value, errors) => {
    expect(check(schema, value)).toEqual(errors);
  });

  it('keeps only name constraints of metadata and drops status', () => {
    const converted = convertStructuralSchema({
      type: 'object',
      properties: {
        metadata: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 10 },
            labels: { type: 'object' },
          },
        },
        status: { type: 'object' },
      },
    });
    expect(converted.properties).toEqual({
      metadata: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: 10 } },
      },
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
    });
  });
});
