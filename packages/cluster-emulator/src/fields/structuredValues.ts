import {
  clone,
  deepEqual,
  isJsonObject,
  JsonObject,
  JsonValue,
} from '../util/json';
import {
  isAtomicMap,
  isFreeFormMap,
  itemSchema,
  JSONSchemaProps,
  listType,
  propertySchema,
  UNKNOWN_SCHEMA,
} from '../schema/JSONSchemaProps';
import { FieldPath, FieldSet, keyElement, valueElement } from './FieldSet';

function childSchema(
  schema: JSONSchemaProps | undefined,
  key: string,
): JSONSchemaProps {
  return propertySchema(schema, key) ?? UNKNOWN_SCHEMA;
}

function mapKeys(schema: JSONSchemaProps | undefined): string[] {
  return schema?.['x-kubernetes-list-map-keys'] ?? [];
}

function isGranularMap(
  value: JsonValue | undefined,
  schema: JSONSchemaProps | undefined,
): value is JsonObject {
  return isJsonObject(value) && !isAtomicMap(schema);
}

/**
 * The fields a value sets, as server-side apply records an applied
 * configuration: leaves, atomic lists, map-list items and set-list values.
 */
export function toFieldSet(
  value: JsonValue,
  schema: JSONSchemaProps | undefined,
): FieldSet {
  const set = new FieldSet();
  collect(value, schema, [], set);
  return set;
}

function collect(
  value: JsonValue,
  schema: JSONSchemaProps | undefined,
  path: string[],
  set: FieldSet,
): void {
  if (isGranularMap(value, schema)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && path.length > 0) {
      set.add(path);
    }
    for (const key of keys) {
      collect(value[key], childSchema(schema, key), [...path, `f:${key}`], set);
    }
    return;
  }
  if (Array.isArray(value) && listType(schema) === 'map') {
    const items = itemSchema(schema);
    for (const item of value) {
      const itemPath = [...path, keyElement(item, mapKeys(schema))];
      set.add(itemPath);
      if (isJsonObject(item)) {
        for (const key of Object.keys(item)) {
          collect(
            item[key],
            childSchema(items, key),
            [...itemPath, `f:${key}`],
            set,
          );
        }
      }
    }
    return;
  }
  if (Array.isArray(value) && listType(schema) === 'set') {
    for (const item of value) {
      set.add([...path, valueElement(item)]);
    }
    return;
  }
  if (path.length > 0) {
    set.add(path);
  }
}

/** The differences between two values, as field sets. */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Compares two values field by field (old -> new). */
export function compareValues(
  oldValue: JsonValue | undefined,
  newValue: JsonValue | undefined,
  schema: JSONSchemaProps | undefined,
): Comparison {
  const result: Comparison = {
    added: new FieldSet(),
    modified: new FieldSet(),
    removed: new FieldSet(),
  };
  compareNode(oldValue, newValue, schema, [], result);
  return result;
}

/**
 * Every path of a subtree that appears or disappears whole. Free-form maps
 * (labels, annotations) become members themselves, as an update records them.
 */
function wholeSubtree(
  value: JsonValue,
  schema: JSONSchemaProps | undefined,
  path: string[],
  into: FieldSet,
): void {
  if (isGranularMap(value, schema)) {
    const keys = Object.keys(value);
    if (path.length > 0 && (isFreeFormMap(schema) || keys.length === 0))
      into.add(path);
    for (const key of keys) {
      wholeSubtree(
        value[key],
        childSchema(schema, key),
        [...path, `f:${key}`],
        into,
      );
    }
    return;
  }
  if (Array.isArray(value) && listType(schema) === 'map') {
    const items = itemSchema(schema);
    for (const item of value) {
      const itemPath = [...path, keyElement(item, mapKeys(schema))];
      into.add(itemPath);
      if (isJsonObject(item)) {
        for (const key of Object.keys(item)) {
          wholeSubtree(
            item[key],
            childSchema(items, key),
            [...itemPath, `f:${key}`],
            into,
          );
        }
      }
    }
    return;
  }
  if (Array.isArray(value) && listType(schema) === 'set') {
    for (const item of value) into.add([...path, valueElement(item)]);
    return;
  }
  if (path.length > 0) into.add(path);
}

function compareNode(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  schema: JSONSchemaProps | undefined,
  path: string[],
  out: Comparison,
): void {
  if (a === undefined && b === undefined) {
    return;
  }
  if (a === undefined) {
    wholeSubtree(b!, schema, path, out.added);
    return;
  }
  if (b === undefined) {
    wholeSubtree(a, schema, path, out.removed);
    return;
  }
  if (isGranularMap(a, schema) && isGranularMap(b, schema)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    if (keys.size === 0) {
      return;
    }
    for (const key of keys) {
      compareNode(
        a[key],
        b[key],
        childSchema(schema, key),
        [...path, `f:${key}`],
        out,
      );
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && listType(schema) === 'map') {
    const keys = mapKeys(schema);
    const items = itemSchema(schema);
    const index = (list: JsonValue[]) =>
      new Map(list.map(item => [keyElement(item, keys), item]));
    const oldItems = index(a);
    const newItems = index(b);
    for (const [element, oldItem] of oldItems) {
      const itemPath = [...path, element];
      const newItem = newItems.get(element);
      if (newItem === undefined) {
        out.removed.add(itemPath);
        wholeSubtree(oldItem, items, itemPath, out.removed);
      } else {
        compareNode(oldItem, newItem, items, itemPath, out);
      }
    }
    for (const [element, newItem] of newItems) {
      if (!oldItems.has(element)) {
        const itemPath = [...path, element];
        out.added.add(itemPath);
        wholeSubtree(newItem, items, itemPath, out.added);
      }
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && listType(schema) === 'set') {
    const oldValues = new Set(a.map(valueElement));
    const newValues = new Set(b.map(valueElement));
    for (const v of oldValues)
      if (!newValues.has(v)) out.removed.add([...path, v]);
    for (const v of newValues)
      if (!oldValues.has(v)) out.added.add([...path, v]);
    return;
  }
  if (!deepEqual(a, b) && path.length > 0) {
    out.modified.add(path);
  }
}

/** Merges an applied configuration into a live value (structured merge). */
export function mergeApplied(
  live: JsonValue | undefined,
  config: JsonValue,
  schema: JSONSchemaProps | undefined,
): JsonValue {
  if (isGranularMap(config, schema) && isGranularMap(live, schema)) {
    const out: JsonObject = { ...live };
    for (const [key, value] of Object.entries(config)) {
      out[key] = mergeApplied(live[key], value, childSchema(schema, key));
    }
    return out;
  }
  if (
    Array.isArray(config) &&
    Array.isArray(live) &&
    listType(schema) === 'map'
  ) {
    const keys = mapKeys(schema);
    const items = itemSchema(schema);
    const configItems = new Map(
      config.map(item => [keyElement(item, keys), item]),
    );
    const liveKeys = new Set<string>();
    const out: JsonValue[] = live.map(item => {
      const element = keyElement(item, keys);
      liveKeys.add(element);
      const applied = configItems.get(element);
      return applied === undefined ? item : mergeApplied(item, applied, items);
    });
    for (const [element, item] of configItems) {
      if (!liveKeys.has(element)) out.push(clone(item));
    }
    return out;
  }
  if (
    Array.isArray(config) &&
    Array.isArray(live) &&
    listType(schema) === 'set'
  ) {
    const seen = new Set(live.map(valueElement));
    return [...live, ...config.filter(item => !seen.has(valueElement(item)))];
  }
  return clone(config);
}

/** Removes the field at `path` from `root`, in place. Missing paths are ignored. */
export function removePath(
  root: JsonValue,
  path: FieldPath,
  schema: JSONSchemaProps | undefined,
): void {
  let parent: JsonValue = root;
  let parentSchema = schema;
  for (let i = 0; i < path.length; i++) {
    const element = path[i];
    const last = i === path.length - 1;
    if (element.startsWith('f:')) {
      if (!isJsonObject(parent)) return;
      const key = element.slice(2);
      if (last) {
        delete parent[key];
        return;
      }
      parentSchema = childSchema(parentSchema, key);
      parent = parent[key];
      continue;
    }
    if (!Array.isArray(parent)) return;
    const list: JsonValue[] = parent;
    const keys = mapKeys(parentSchema);
    const position = element.startsWith('k:')
      ? list.findIndex(item => keyElement(item, keys) === element)
      : list.findIndex(item => valueElement(item) === element);
    if (position < 0) return;
    if (last) {
      list.splice(position, 1);
      return;
    }
    parent = list[position];
    parentSchema = itemSchema(parentSchema);
  }
}
