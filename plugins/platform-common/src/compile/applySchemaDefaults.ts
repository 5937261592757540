import type { JsonObject, JsonValue } from '../api/types';
import { cloneJson } from './mergeLayers';
import {
  isJsonObject,
  provenanceListAt,
  provenanceMapAt,
  type ProvenanceMap,
  type ProvenanceNode,
} from './provenance';

function isObjectSchema(schema: JsonObject): boolean {
  return (
    schema.type === 'object' ||
    (schema.type === undefined && isJsonObject(schema.properties))
  );
}

function schemaAt(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

function fillObject(
  object: JsonObject,
  schema: JsonObject,
  provenance: ProvenanceMap,
) {
  const properties = schemaAt(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (properties) {
    for (const key of Object.keys(properties)) {
      const property = schemaAt(properties[key]);
      if (!property) continue;
      if (!Object.prototype.hasOwnProperty.call(object, key)) {
        if (property.default !== undefined) {
          object[key] = cloneJson(property.default);
          provenance[key] = 'schema';
        } else if (required.includes(key) && isObjectSchema(property)) {
          object[key] = {};
          provenance[key] = 'schema';
        } else {
          continue;
        }
      }
      fillValue(object, key, property, provenance);
    }
  }
  const additional = schemaAt(schema.additionalProperties);
  if (additional) {
    for (const key of Object.keys(object)) {
      if (properties && Object.prototype.hasOwnProperty.call(properties, key)) {
        continue;
      }
      fillValue(object, key, additional, provenance);
    }
  }
}

function fillValue(
  parent: JsonObject | JsonValue[],
  key: string | number,
  schema: JsonObject,
  provenance: ProvenanceMap | ProvenanceNode[],
) {
  const value = (parent as Record<string | number, JsonValue>)[key];
  if (isJsonObject(value)) {
    const map = Array.isArray(provenance)
      ? elementMap(provenance, key as number, value)
      : provenanceMapAt(provenance, key as string, value);
    fillObject(value, schema, map);
    return;
  }
  const items = schemaAt(schema.items);
  if (Array.isArray(value) && items) {
    const list = provenanceListAt(provenance, key, value);
    value.forEach((_, i) => fillValue(value, i, items, list));
  }
}

function elementMap(
  list: ProvenanceNode[],
  index: number,
  value: JsonObject,
): ProvenanceMap {
  const node = list[index];
  if (typeof node === 'object' && !Array.isArray(node)) return node;
  const map: ProvenanceMap = {};
  if (typeof node === 'string') {
    for (const child of Object.keys(value)) map[child] = node;
  }
  list[index] = map;
  return map;
}

/**
 * Applies a structural schema's defaults in place, the way the Kubernetes API
 * server does: every absent property of an object that exists gets its
 * `default` (deep-copied, then defaulted itself), in `properties`,
 * `additionalProperties` values and array `items`. Beyond the API server,
 * a required property with an object schema and no default is created empty,
 * so that its own defaults apply (a form that leaves every field of
 * `spec.parameters` at its default still compiles). Records `schema` as the
 * provenance of what it adds.
 * @public
 */
export function applySchemaDefaults(
  value: JsonObject,
  schema: JsonObject,
  provenance: ProvenanceMap = {},
): JsonObject {
  fillObject(value, schema, provenance);
  return value;
}
