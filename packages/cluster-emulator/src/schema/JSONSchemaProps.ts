import { JsonValue } from '../util/json';

/**
 * The subset of an `openAPIV3Schema` (a CRD's structural schema) the emulator
 * understands: validation keywords, defaults and the Kubernetes extensions
 * that shape pruning and server-side apply.
 */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: boolean | JSONSchemaProps;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: JsonValue[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  default?: JsonValue;
  example?: JsonValue;
  anyOf?: JSONSchemaProps[];
  allOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

/** The schema of values nothing is known about: maps granular, lists atomic. */
export const UNKNOWN_SCHEMA: JSONSchemaProps = {
  'x-kubernetes-preserve-unknown-fields': true,
};

/** The schema of a property of an object node, or undefined when the property is unknown. */
export function propertySchema(
  schema: JSONSchemaProps | undefined,
  key: string,
): JSONSchemaProps | undefined {
  if (!schema) {
    return UNKNOWN_SCHEMA;
  }
  const prop = schema.properties?.[key];
  if (prop) {
    return prop;
  }
  if (typeof schema.additionalProperties === 'object') {
    return schema.additionalProperties;
  }
  if (
    schema.additionalProperties === true ||
    schema['x-kubernetes-preserve-unknown-fields']
  ) {
    return UNKNOWN_SCHEMA;
  }
  if (!schema.properties && !schema.type) {
    return UNKNOWN_SCHEMA;
  }
  return undefined;
}

/** The schema of the items of a list node. */
export function itemSchema(
  schema: JSONSchemaProps | undefined,
): JSONSchemaProps {
  return schema?.items ?? UNKNOWN_SCHEMA;
}

/** How server-side apply treats a list: atomic (replaced whole), set, or map (merged by keys). */
export function listType(
  schema: JSONSchemaProps | undefined,
): 'atomic' | 'set' | 'map' {
  return schema?.['x-kubernetes-list-type'] ?? 'atomic';
}

/** Whether a map node is replaced whole by server-side apply. */
export function isAtomicMap(schema: JSONSchemaProps | undefined): boolean {
  return schema?.['x-kubernetes-map-type'] === 'atomic';
}

/** Whether a node is a map of arbitrary keys (as opposed to a struct with named fields). */
export function isFreeFormMap(schema: JSONSchemaProps | undefined): boolean {
  return !schema?.properties;
}
