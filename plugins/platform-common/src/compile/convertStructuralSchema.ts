import type { JsonObject, JsonValue } from '../api/types';
import { isJsonObject } from './provenance';

/** Custom keyword for `x-kubernetes-list-type: map`: items unique by these keys. */
export const LIST_MAP_KEYS_KEYWORD = 'x-fractal-list-map-keys';

/**
 * Formats Fractal validates (the ones the API server checks that a JSON
 * Schema validator knows). Any other format is dropped, as the API server
 * ignores unknown formats. `datetime` is an alias of `date-time`.
 */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  'int32',
  'int64',
  'float',
  'double',
  'byte',
  'password',
  'date',
  'date-time',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'cidr',
  'mac',
  'duration',
]);

const SCALAR_KEYWORDS = [
  'type',
  'enum',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'maxProperties',
  'minProperties',
  'required',
] as const;

function convert(schema: JsonObject, inJunctor: boolean): JsonObject {
  const out: JsonObject = {};
  for (const keyword of SCALAR_KEYWORDS) {
    if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  }
  if (typeof schema.format === 'string') {
    const format = schema.format === 'datetime' ? 'date-time' : schema.format;
    if (KNOWN_FORMATS.has(format)) out.format = format;
  }
  // OpenAPI 3.0 boolean exclusive bounds -> JSON Schema draft-07 numbers.
  for (const [flag, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      out[flag] = schema[bound];
      delete out[bound];
    }
  }
  const properties = isJsonObject(schema.properties)
    ? schema.properties
    : undefined;
  if (properties) {
    const converted: JsonObject = {};
    for (const key of Object.keys(properties)) {
      const property = properties[key];
      if (isJsonObject(property)) converted[key] = convert(property, inJunctor);
    }
    out.properties = converted;
  }
  if (typeof schema.additionalProperties === 'boolean') {
    out.additionalProperties = schema.additionalProperties;
  } else if (isJsonObject(schema.additionalProperties)) {
    out.additionalProperties = convert(schema.additionalProperties, inJunctor);
  }
  if (isJsonObject(schema.items)) out.items = convert(schema.items, inJunctor);
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[junctor];
    if (Array.isArray(list)) {
      out[junctor] = list.filter(isJsonObject).map(s => convert(s, true));
    }
  }
  if (isJsonObject(schema.not)) out.not = convert(schema.not, true);

  // A pattern is only tried on strings within maxLength, so a huge input is
  // never run through a platform-supplied regular expression.
  if (typeof schema.pattern === 'string') {
    if (typeof schema.maxLength === 'number') {
      out.if = { maxLength: schema.maxLength };
      out.then = { pattern: schema.pattern };
    } else {
      out.pattern = schema.pattern;
    }
  }

  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    if (!out.anyOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) {
      out.enum = [...out.enum, null];
    }
    if (out.anyOf)
      out.anyOf = [...(out.anyOf as JsonValue[]), { type: 'null' }];
  }
  if (schema['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(mapKeys)) {
    out[LIST_MAP_KEYS_KEYWORD] = mapKeys.filter(k => typeof k === 'string');
  }
  if (schema['x-kubernetes-embedded-resource'] === true) {
    const embedded = isJsonObject(out.properties) ? out.properties : {};
    embedded.apiVersion ??= { type: 'string' };
    embedded.kind ??= { type: 'string' };
    embedded.metadata = { type: 'object' };
    out.properties = embedded;
  }

  // Structural objects are closed: a field the schema does not list would be
  // pruned by the API server, so it is reported instead of silently lost.
  const isObject =
    schema.type === 'object' || (schema.type === undefined && properties);
  if (
    isObject &&
    !inJunctor &&
    out.additionalProperties === undefined &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Converts a Kubernetes structural schema (a CRD version's
 * `openAPIV3Schema`, the OpenAPI 3.0 dialect with `x-kubernetes-*`
 * extensions) into a JSON Schema draft-07 document Ajv compiles:
 *
 * - `nullable: true` -> the type (and enum) also admit `null`;
 * - `x-kubernetes-int-or-string` -> integer or string;
 * - `x-kubernetes-preserve-unknown-fields` -> the object stays open; every
 *   other object with a structural type is closed (`additionalProperties:
 *   false`), so unknown fields are errors rather than silently pruned;
 * - `x-kubernetes-list-type: set` -> unique items; `map` -> items unique by
 *   `x-kubernetes-list-map-keys` (a custom keyword);
 * - `x-kubernetes-embedded-resource` -> apiVersion, kind and an open metadata;
 * - boolean `exclusiveMaximum`/`exclusiveMinimum` -> draft-07 numbers;
 * - formats outside {@link KNOWN_FORMATS} are dropped (the API server ignores
 *   unknown formats); `datetime` means `date-time`;
 * - a `pattern` is only checked on strings within `maxLength`;
 * - `x-kubernetes-validations` (CEL), `default`, descriptions and examples are
 *   dropped: defaults are applied before validation, and CEL rules are left
 *   to the API server's dry run.
 *
 * At the root, `metadata` keeps only its `name`/`generateName` constraints
 * (Fractal validates the rest itself) and `status` is removed.
 * @public
 */
export function convertStructuralSchema(
  openAPIV3Schema: JsonObject,
): JsonObject {
  const root = convert(openAPIV3Schema, false);
  const properties = isJsonObject(root.properties) ? root.properties : {};
  const metadata = isJsonObject(properties.metadata)
    ? properties.metadata
    : undefined;
  const metadataProperties =
    metadata && isJsonObject(metadata.properties) ? metadata.properties : {};
  const kept: JsonObject = {};
  for (const key of ['name', 'generateName']) {
    if (metadataProperties[key] !== undefined)
      kept[key] = metadataProperties[key];
  }
  properties.metadata = { type: 'object', properties: kept };
  properties.apiVersion ??= { type: 'string' };
  properties.kind ??= { type: 'string' };
  delete properties.status;
  root.properties = properties;
  return root;
}
