import type { JsonObject, JsonValue } from '../../api/types';

/**
 * A second, deliberately separate reading of the demo CRD schemas, written
 * from the Kubernetes structural-schema rules and sharing no code with the
 * compile path (no Ajv, no schema conversion). The property tests check
 * every manifest compile accepts against it. Covers the keywords the demo
 * CRDs use.
 */
export function independentValidate(
  schema: JsonObject,
  value: JsonValue,
  path = '',
): string[] {
  const problems: string[] = [];
  const fail = (message: string) =>
    problems.push(`${path || '(root)'}: ${message}`);

  if (value === null) {
    if (schema.nullable !== true) fail('null is not allowed');
    return problems;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (
      !(
        typeof value === 'string' ||
        (typeof value === 'number' && Number.isInteger(value))
      )
    ) {
      fail('must be an integer or a string');
    }
    if (
      typeof value === 'string' &&
      typeof schema.pattern === 'string' &&
      !new RegExp(schema.pattern).test(value)
    ) {
      fail('does not match the pattern');
    }
    return problems;
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        fail('must be an object');
        break;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype)
        fail('must be a plain object');
      const properties = (schema.properties ?? {}) as JsonObject;
      const required = (schema.required ?? []) as string[];
      for (const key of required) {
        if (!Object.prototype.hasOwnProperty.call(value, key))
          fail(`${key} is required`);
      }
      const keys = Object.keys(value);
      if (
        typeof schema.maxProperties === 'number' &&
        keys.length > schema.maxProperties
      ) {
        fail('too many properties');
      }
      for (const key of keys) {
        if (['__proto__', 'constructor', 'prototype'].includes(key))
          fail(`forbidden key ${key}`);
        const child = `${path}.${key}`;
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
          problems.push(
            ...independentValidate(
              properties[key] as JsonObject,
              value[key],
              child,
            ),
          );
        } else if (
          typeof schema.additionalProperties === 'object' &&
          schema.additionalProperties !== null
        ) {
          problems.push(
            ...independentValidate(
              schema.additionalProperties as JsonObject,
              value[key],
              child,
            ),
          );
        } else if (schema['x-kubernetes-preserve-unknown-fields'] !== true) {
          fail(`${key} is not in the schema`);
        }
      }
      break;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        fail('must be an array');
        break;
      }
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
        fail('too many items');
      value.forEach((item, i) =>
        problems.push(
          ...independentValidate(
            schema.items as JsonObject,
            item,
            `${path}[${i}]`,
          ),
        ),
      );
      if (schema['x-kubernetes-list-type'] === 'set') {
        if (new Set(value.map(v => JSON.stringify(v))).size !== value.length)
          fail('duplicate set items');
      }
      if (schema['x-kubernetes-list-type'] === 'map') {
        const keys = schema['x-kubernetes-list-map-keys'] as string[];
        const ids = value.map(v =>
          JSON.stringify(keys.map(k => (v as JsonObject)?.[k] ?? null)),
        );
        if (new Set(ids).size !== ids.length) fail('duplicate map list keys');
      }
      break;
    }
    case 'string': {
      if (typeof value !== 'string') {
        fail('must be a string');
        break;
      }
      const length = [...value].length;
      if (typeof schema.maxLength === 'number' && length > schema.maxLength)
        fail('too long');
      if (Array.isArray(schema.enum) && !schema.enum.includes(value))
        fail('not in enum');
      if (
        typeof schema.pattern === 'string' &&
        !new RegExp(schema.pattern).test(value)
      ) {
        fail('does not match the pattern');
      }
      if (schema.format === 'hostname') {
        const labels = value.replace(/\.$/, '').split('.');
        const ok =
          value.length <= 253 &&
          labels.every(l =>
            /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l),
          );
        if (!ok) fail('not a hostname');
      }
      break;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail('must be a number');
        break;
      }
      if (schema.type === 'integer' && !Number.isInteger(value))
        fail('must be an integer');
      if (typeof schema.minimum === 'number') {
        if (
          schema.exclusiveMinimum === true
            ? value <= schema.minimum
            : value < schema.minimum
        )
          fail('too small');
      }
      if (typeof schema.maximum === 'number') {
        if (
          schema.exclusiveMaximum === true
            ? value >= schema.maximum
            : value > schema.maximum
        )
          fail('too large');
      }
      if (
        typeof schema.multipleOf === 'number' &&
        value % schema.multipleOf !== 0
      )
        fail('not a multiple');
      if (
        schema.format === 'int32' &&
        (value < -(2 ** 31) || value > 2 ** 31 - 1)
      )
        fail('not an int32');
      break;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be a boolean');
      break;
    default:
      fail(`unsupported schema type ${String(schema.type)}`);
  }
  return problems;
}
