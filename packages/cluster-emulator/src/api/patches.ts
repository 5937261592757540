import { clone, deepEqual, isJsonObject, JsonValue } from '../util/json';
import { badRequest, unprocessable } from './StatusError';

/** Applies an RFC 7386 JSON merge patch. Returns a new value. */
export function applyMergePatch(
  target: JsonValue | undefined,
  patch: JsonValue,
): JsonValue {
  if (!isJsonObject(patch)) {
    return clone(patch);
  }
  const result = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key], value);
    }
  }
  return result;
}

/** One RFC 6902 operation. */
interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: JsonValue;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw unprocessable(`invalid JSON pointer: ${pointer}`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function decodeOperations(patch: JsonValue): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw badRequest(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  return patch.map(op => {
    if (
      !isJsonObject(op) ||
      typeof op.op !== 'string' ||
      typeof op.path !== 'string'
    ) {
      throw badRequest('invalid JSON patch operation: missing op or path');
    }
    return {
      op: op.op,
      path: op.path,
      from: typeof op.from === 'string' ? op.from : undefined,
      value: op.value,
    };
  });
}

type Container = JsonValue[] | { [key: string]: JsonValue };

function resolveParent(
  doc: JsonValue,
  segments: string[],
  pointer: string,
): Container {
  let current: JsonValue = doc;
  for (const segment of segments.slice(0, -1)) {
    let next: JsonValue | undefined;
    if (Array.isArray(current)) {
      next = current[Number(segment)];
    } else if (isJsonObject(current)) {
      next = current[segment];
    }
    if (next === undefined || next === null || typeof next !== 'object') {
      throw unprocessable(`doc is missing path: "${pointer}": missing value`);
    }
    current = next;
  }
  if (current === null || typeof current !== 'object') {
    throw unprocessable(`doc is missing path: "${pointer}": missing value`);
  }
  return current;
}

function arrayIndex(
  arr: JsonValue[],
  segment: string,
  allowEnd: boolean,
  pointer: string,
): number {
  if (allowEnd && segment === '-') {
    return arr.length;
  }
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) {
    throw unprocessable(`Unable to access invalid index: ${segment}`);
  }
  const index = Number(segment);
  if (index > arr.length || (!allowEnd && index === arr.length)) {
    throw unprocessable(
      `Unable to access invalid index: ${index}: invalid index referenced: ${pointer}`,
    );
  }
  return index;
}

function getAt(doc: JsonValue, pointer: string): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) {
    return doc;
  }
  const parent = resolveParent(doc, segments, pointer);
  const last = segments[segments.length - 1];
  const value = Array.isArray(parent)
    ? parent[arrayIndex(parent, last, false, pointer)]
    : parent[last];
  if (value === undefined) {
    throw unprocessable(`doc is missing path: "${pointer}": missing value`);
  }
  return value;
}

function removeAt(doc: JsonValue, pointer: string): JsonValue {
  const segments = parsePointer(pointer);
  const parent = resolveParent(doc, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, false, pointer);
    return parent.splice(index, 1)[0];
  }
  if (!(last in parent)) {
    throw unprocessable(
      `Unable to remove nonexistent key: ${last}: missing value`,
    );
  }
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(doc: JsonValue, pointer: string, value: JsonValue): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) {
    return value;
  }
  const parent = resolveParent(doc, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, last, true, pointer), 0, value);
  } else {
    parent[last] = value;
  }
  return doc;
}

function replaceAt(
  doc: JsonValue,
  pointer: string,
  value: JsonValue,
): JsonValue {
  const segments = parsePointer(pointer);
  if (segments.length === 0) {
    return value;
  }
  const parent = resolveParent(doc, segments, pointer);
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    parent[arrayIndex(parent, last, false, pointer)] = value;
  } else {
    if (!(last in parent)) {
      throw unprocessable(
        `replace operation does not apply: doc is missing key: ${pointer}: missing value`,
      );
    }
    parent[last] = value;
  }
  return doc;
}

/** Applies an RFC 6902 JSON patch. Returns a new value; the input is not modified. */
export function applyJsonPatch(target: JsonValue, patch: JsonValue): JsonValue {
  let doc = clone(target);
  for (const op of decodeOperations(patch)) {
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, clone(op.value ?? null));
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'replace':
        doc = replaceAt(doc, op.path, clone(op.value ?? null));
        break;
      case 'move': {
        const value = removeAt(doc, op.from ?? '');
        doc = addAt(doc, op.path, value);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, clone(getAt(doc, op.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, op.path), op.value ?? null)) {
          throw unprocessable(`testing value ${op.path} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
