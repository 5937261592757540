import { clone, isJsonObject, JsonObject, JsonValue } from '../util/json';
import { JSONSchemaProps, propertySchema } from './JSONSchemaProps';

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isNullable(schema: JSONSchemaProps | undefined): boolean {
  return schema?.nullable === true;
}

/**
 * Drops fields the schema does not declare (unless it preserves unknown
 * fields) and non-nullable nulls, as the API server does before defaulting.
 * Returns the paths of the unknown fields it dropped.
 */
export function pruneUnknownFields(
  obj: JsonObject,
  schema: JSONSchemaProps,
): string[] {
  const unknown: string[] = [];
  pruneNode(obj, schema, '', unknown, true);
  return unknown;
}

function pruneNode(
  value: JsonValue,
  schema: JSONSchemaProps,
  path: string,
  unknown: string[],
  isRoot: boolean,
): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    for (let i = 0; i < value.length; i++) {
      if (items) {
        pruneNode(value[i], items, `${path}[${i}]`, unknown, false);
      }
    }
    return;
  }
  if (!isJsonObject(value)) {
    return;
  }
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (
      (embedded || isRoot) &&
      (key === 'apiVersion' || key === 'kind' || key === 'metadata')
    ) {
      if (!schema.properties?.[key]) {
        continue;
      }
    }
    const child = propertySchema(schema, key);
    if (!child) {
      unknown.push(join(path, key));
      delete value[key];
      continue;
    }
    const childValue = value[key];
    if (childValue === null && !isNullable(child)) {
      delete value[key];
      continue;
    }
    pruneNode(childValue, child, join(path, key), unknown, false);
  }
}

/** Applies `default`s of declared properties, in place, where a parent is present. */
export function applyDefaults(value: JsonValue, schema: JSONSchemaProps): void {
  if (Array.isArray(value)) {
    if (schema.items) {
      for (const item of value) {
        applyDefaults(item, schema.items);
      }
    }
    return;
  }
  if (!isJsonObject(value)) {
    return;
  }
  if (schema.properties) {
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (value[key] === undefined && prop.default !== undefined) {
        value[key] = clone(prop.default);
      }
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema =
      schema.properties?.[key] ??
      (typeof schema.additionalProperties === 'object'
        ? schema.additionalProperties
        : undefined);
    if (childSchema) {
      applyDefaults(child, childSchema);
    }
  }
}

export { validateSchema } from './validateSchema';
