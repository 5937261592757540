import { InputError } from '@backstage/errors';

/** A JSON value as Kubernetes objects carry it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values. */
export function deepEqual(
  a: JsonValue | undefined,
  b: JsonValue | undefined,
): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== typeof b || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const aKeys = Object.keys(a);
    if (aKeys.length !== Object.keys(b).length) {
      return false;
    }
    for (const key of aKeys) {
      if (!Object.prototype.hasOwnProperty.call(b, key)) {
        return false;
      }
      if (!deepEqual(a[key], b[key])) {
        return false;
      }
    }
    return true;
  }
  return false;
}

/** A deep copy of a JSON value. */
export function clone<T extends JsonValue>(value: T): T {
  return copy(value) as T;
}

function copy(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: { [key: string]: JsonValue } = {};
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key))
      out[key] = copy(value[key]);
  }
  return out;
}

/** A JSON copy of a plain object (throws InputError for values JSON cannot carry). */
export function toJsonObject(input: object): JsonObject {
  const parsed: unknown = JSON.parse(JSON.stringify(input));
  if (!isJsonObject(parsed as JsonValue)) {
    throw new InputError('expected a JSON object');
  }
  return parsed as JsonObject;
}

/** Reads `obj.a.b.c` for path `['a','b','c']`, or undefined. */
export function getPath(
  obj: JsonValue | undefined,
  path: readonly string[],
): JsonValue | undefined {
  let current: JsonValue | undefined = obj;
  for (const segment of path) {
    if (!isJsonObject(current)) {
      return undefined;
    }
    current = current[segment];
  }
  return current;
}

/** The object at `obj[key]`, created when missing. */
export function ensureObject(obj: JsonObject, key: string): JsonObject {
  const existing = obj[key];
  if (isJsonObject(existing)) {
    return existing;
  }
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}
