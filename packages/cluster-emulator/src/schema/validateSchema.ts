import { deepEqual, isJsonObject, JsonObject, JsonValue } from '../util/json';
import { FieldError, formatValue } from '../api/StatusError';
import { checkFormat } from './formats';
import { JSONSchemaProps } from './JSONSchemaProps';

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isNullable(schema: JSONSchemaProps | undefined): boolean {
  return schema?.nullable === true;
}

function typeName(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, value: JsonValue): boolean {
  switch (type) {
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function invalidValue(
  field: string,
  value: JsonValue,
  detail: string,
): FieldError {
  return {
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${formatValue(value)}: ${field} in body ${detail}`,
  };
}

/** Validates a value against a schema; returns every field error found. */
export function validateSchema(
  value: JsonValue,
  schema: JSONSchemaProps,
  path = '',
): FieldError[] {
  const errors: FieldError[] = [];
  validateNode(value, schema, path, errors);
  return errors;
}

function validateNode(
  value: JsonValue,
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  if (value === null) {
    if (!isNullable(schema) && schema.type) {
      errors.push({
        reason: 'FieldValueTypeInvalid',
        field: path,
        message: `Invalid value: "null": ${path} in body must be of type ${schema.type}: "null"`,
      });
    }
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (
      !(
        typeof value === 'string' ||
        (typeof value === 'number' && Number.isInteger(value))
      )
    ) {
      errors.push({
        reason: 'FieldValueTypeInvalid',
        field: path,
        message: `Invalid value: "${typeName(
          value,
        )}": ${path} in body must be of type integer,string: "${typeName(
          value,
        )}"`,
      });
      return;
    }
  } else if (schema.type && !typeMatches(schema.type, value)) {
    errors.push({
      reason: 'FieldValueTypeInvalid',
      field: path,
      message: `Invalid value: "${typeName(
        value,
      )}": ${path} in body must be of type ${schema.type}: "${typeName(
        value,
      )}"`,
    });
    return;
  }
  if (schema.enum && !schema.enum.some(allowed => deepEqual(allowed, value))) {
    errors.push({
      reason: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${formatValue(
        value,
      )}: supported values: ${schema.enum.map(v => formatValue(v)).join(', ')}`,
    });
  }
  if (typeof value === 'string') {
    validateString(value, schema, path, errors);
  } else if (typeof value === 'number') {
    validateNumber(value, schema, path, errors);
  } else if (Array.isArray(value)) {
    validateArray(value, schema, path, errors);
  } else if (isJsonObject(value)) {
    validateObject(value, schema, path, errors);
  }
  validateCombinators(value, schema, path, errors);
}

function validateString(
  value: string,
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    errors.push({
      reason: 'FieldValueTooLong',
      field: path,
      message: `Too long: may not be more than ${schema.maxLength} bytes`,
    });
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    errors.push(
      invalidValue(
        path,
        value,
        `should be at least ${schema.minLength} chars long`,
      ),
    );
  }
  if (
    schema.pattern !== undefined &&
    !new RegExp(schema.pattern, 'u').test(value)
  ) {
    errors.push(invalidValue(path, value, `should match '${schema.pattern}'`));
  }
  if (schema.format && !checkFormat(schema.format, value)) {
    errors.push(
      invalidValue(
        path,
        value,
        `must be of type ${schema.format}: ${formatValue(value)}`,
      ),
    );
  }
}

function validateNumber(
  value: number,
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  if (schema.minimum !== undefined) {
    if (
      schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum
    ) {
      errors.push(
        invalidValue(
          path,
          value,
          schema.exclusiveMinimum
            ? `should be greater than ${schema.minimum}`
            : `should be greater than or equal to ${schema.minimum}`,
        ),
      );
    }
  }
  if (schema.maximum !== undefined) {
    if (
      schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum
    ) {
      errors.push(
        invalidValue(
          path,
          value,
          schema.exclusiveMaximum
            ? `should be less than ${schema.maximum}`
            : `should be less than or equal to ${schema.maximum}`,
        ),
      );
    }
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const ratio = value / schema.multipleOf;
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) {
      errors.push(
        invalidValue(
          path,
          value,
          `should be a multiple of ${schema.multipleOf}`,
        ),
      );
    }
  }
}

function validateArray(
  value: JsonValue[],
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    errors.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
    });
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    errors.push(
      invalidValue(
        path,
        value.length,
        `should have at least ${schema.minItems} items`,
      ),
    );
  }
  const listType = schema['x-kubernetes-list-type'];
  if (schema.uniqueItems || listType === 'set') {
    for (let i = 0; i < value.length; i++) {
      for (let j = 0; j < i; j++) {
        if (deepEqual(value[i], value[j])) {
          errors.push({
            reason: 'FieldValueDuplicate',
            field: `${path}[${i}]`,
            message: `Duplicate value: ${JSON.stringify(value[i])}`,
          });
          break;
        }
      }
    }
  }
  if (listType === 'map') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (!isJsonObject(item)) return;
      const keyObj: JsonObject = {};
      for (const k of keys) {
        if (item[k] !== undefined) keyObj[k] = item[k];
      }
      const id = JSON.stringify(keyObj);
      if (seen.has(id)) {
        errors.push({
          reason: 'FieldValueDuplicate',
          field: `${path}[${i}]`,
          message: `Duplicate value: ${id}`,
        });
      }
      seen.add(id);
    });
  }
  if (schema.items) {
    value.forEach((item, i) =>
      validateNode(item, schema.items!, `${path}[${i}]`, errors),
    );
  }
}

function validateObject(
  value: JsonObject,
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  for (const required of schema.required ?? []) {
    if (value[required] === undefined) {
      errors.push({
        reason: 'FieldValueRequired',
        field: join(path, required),
        message: 'Required value',
      });
    }
  }
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    errors.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
    });
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    errors.push(
      invalidValue(
        path,
        count,
        `should have at least ${schema.minProperties} properties`,
      ),
    );
  }
  for (const [key, child] of Object.entries(value)) {
    const prop =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object'
        ? schema.additionalProperties
        : undefined);
    if (prop) {
      validateNode(child, prop, join(path, key), errors);
    }
  }
}

function validateCombinators(
  value: JsonValue,
  schema: JSONSchemaProps,
  path: string,
  errors: FieldError[],
): void {
  for (const sub of schema.allOf ?? []) {
    validateNode(value, sub, path, errors);
  }
  if (
    schema.anyOf &&
    !schema.anyOf.some(sub => validateSchema(value, sub, path).length === 0)
  ) {
    errors.push(
      invalidValue(path, value, 'must validate at least one schema (anyOf)'),
    );
  }
  if (schema.oneOf) {
    const passing = schema.oneOf.filter(
      sub => validateSchema(value, sub, path).length === 0,
    ).length;
    if (passing !== 1) {
      errors.push(
        invalidValue(
          path,
          value,
          'must validate one and only one schema (oneOf)',
        ),
      );
    }
  }
  if (schema.not && validateSchema(value, schema.not, path).length === 0) {
    errors.push(
      invalidValue(path, value, 'must not validate the schema (not)'),
    );
  }
}
