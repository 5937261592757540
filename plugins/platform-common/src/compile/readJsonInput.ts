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
 * does; `-0` becomes `0`. Adds to `stats.chars` an upper bound of the JSON
 * length of what it copied, so callers can bound the output size without
 * serializing.
 */
export function readJsonInput(
  value: unknown,
  path: FieldPathSegment[],
  errors: FieldError[],
  layer: DefaultsLayer,
  stats: { chars: number } = { chars: 0 },
): JsonValue | undefined {
  // One path stack, pushed and popped while walking; copied only on failure.
  const at: FieldPathSegment[] = [...path];
  const maxLength = path.length + MAX_INPUT_DEPTH;
  const fail = (message: string, last?: FieldPathSegment) => {
    if (errors.length < MAX_ERRORS) {
      const where = last === undefined ? at : [...at, last];
      errors.push({
        path: formatFieldPath(where) || '(input)',
        message,
        layer,
      });
    }
    return undefined;
  };
  const copy = (item: unknown): JsonValue | undefined => {
    if (errors.length >= MAX_ERRORS) return undefined;
    if (item === null || typeof item === 'boolean') {
      stats.chars += 5;
      return item;
    }
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return fail('must be a finite number');
      stats.chars += 24;
      return item === 0 ? 0 : item;
    }
    if (typeof item === 'string') {
      const reason = invalidStringReason(item);
      stats.chars += item.length + 2;
      return reason ? fail(reason) : item;
    }
    if (typeof item !== 'object') {
      return fail(`must be a JSON value, got ${typeof item}`);
    }
    if (at.length >= maxLength) {
      return fail(`is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    stats.chars += 2;
    if (Array.isArray(item)) {
      if (item.length > MAX_ARRAY_ITEMS) {
        return fail(`has ${item.length} items, more than ${MAX_ARRAY_ITEMS}`);
      }
      const out: JsonValue[] = [];
      for (let i = 0; i < item.length; i++) {
        const element: unknown = item[i];
        if (element === undefined) {
          fail('must be a JSON value, got undefined', i);
          continue;
        }
        at.push(i);
        const copied = copy(element);
        at.pop();
        if (copied !== undefined) out.push(copied);
      }
      return out;
    }
    if (!isPlainObject(item)) {
      return fail('must be a plain JSON object');
    }
    const out: JsonObject = {};
    for (const key of Object.keys(item)) {
      if (FORBIDDEN_KEYS.has(key)) {
        fail('is a forbidden key (prototype pollution)', key);
        continue;
      }
      const reason = invalidStringReason(key);
      if (reason) {
        fail(`is an invalid key: it ${reason}`, key);
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (!descriptor || !('value' in descriptor)) {
        fail('must be a data property, not an accessor', key);
        continue;
      }
      const field: unknown = descriptor.value;
      if (field === undefined) continue;
      stats.chars += key.length + 3;
      at.push(key);
      const copied = copy(field);
      at.pop();
      if (copied !== undefined) out[key] = copied;
    }
    return out;
  };
  return copy(value);
}
