import type { DefaultsLayer, JsonObject, JsonValue } from '../api/types';
import type { FieldError } from './CompileInputError';
import { formatFieldPath, type FieldPathSegment } from './fieldPath';

/**
 * Keys that could pollute prototypes when an input object is merged or
 * copied by careless code. Compile rejects them anywhere in its input.
 * @public
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deepest nesting accepted in an input value. @public */
export const MAX_INPUT_DEPTH = 64;

/** Longest array accepted in an input value. @public */
export const MAX_ARRAY_ITEMS = 10_000;

/** Copying stops after this many problems. */
const MAX_ERRORS = 50;

const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be carried in a manifest, or undefined when it can. */
export function invalidStringReason(value: string): string | undefined {
  return LONE_SURROGATE.test(value)
    ? 'contains an unpaired UTF-16 surrogate, which cannot be encoded as UTF-8'
    : undefined;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies an untrusted input into a fresh JSON value, reporting every problem
 * into `errors` (it stops after 50) instead of throwing: non-JSON types
 * (functions, symbols, bigints, `undefined` in arrays, class instances),
 * non-finite numbers, unpaired surrogates in strings or keys, nesting deeper
 * than {@link MAX_INPUT_DEPTH}, arrays longer than {@link MAX_ARRAY_ITEMS},
 * and the {@link FORBIDDEN_KEYS}. Object
 * properties whose value is `undefined` are dropped, as `JSON.stringify`
 * does; `-0` becomes `0`.
 */
export function readJsonInput(
  value: unknown,
  path: FieldPathSegment[],
  errors: FieldError[],
  layer: DefaultsLayer,
): JsonValue | undefined {
  const fail = (at: FieldPathSegment[], message: string) => {
    if (errors.length < MAX_ERRORS) {
      errors.push({ path: formatFieldPath(at) || '(input)', message, layer });
    }
    return undefined;
  };
  const copy = (
    item: unknown,
    at: FieldPathSegment[],
  ): JsonValue | undefined => {
    if (errors.length >= MAX_ERRORS) return undefined;
    if (item === null || typeof item === 'boolean') return item;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return fail(at, 'must be a finite number');
      return item === 0 ? 0 : item;
    }
    if (typeof item === 'string') {
      const reason = invalidStringReason(item);
      return reason ? fail(at, reason) : item;
    }
    if (typeof item !== 'object') {
      return fail(at, `must be a JSON value, got ${typeof item}`);
    }
    if (at.length >= path.length + MAX_INPUT_DEPTH) {
      return fail(at, `is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    if (Array.isArray(item)) {
      if (item.length > MAX_ARRAY_ITEMS) {
        return fail(
          at,
          `has ${item.length} items, more than ${MAX_ARRAY_ITEMS}`,
        );
      }
      const out: JsonValue[] = [];
      for (let i = 0; i < item.length; i++) {
        const element: unknown = item[i];
        if (element === undefined) {
          fail([...at, i], 'must be a JSON value, got undefined');
          continue;
        }
        const copied = copy(element, [...at, i]);
        if (copied !== undefined) out.push(copied);
      }
      return out;
    }
    if (!isPlainObject(item)) {
      return fail(at, 'must be a plain JSON object');
    }
    const out: JsonObject = {};
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) {
        fail([...at, key], 'is a forbidden key (prototype pollution)');
        continue;
      }
      const reason = invalidStringReason(key);
      if (reason) {
        fail([...at, key], `is an invalid key: it ${reason}`);
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (!descriptor || !('value' in descriptor)) {
        fail([...at, key], 'must be a data property, not an accessor');
        continue;
      }
      const field: unknown = descriptor.value;
      if (field === undefined) continue;
      const copied = copy(field, [...at, key]);
      if (copied !== undefined) out[key] = copied;
    }
    return out;
  };
  return copy(value, path);
}
