import type { ErrorObject } from 'ajv';
import type { JsonValue } from '../api/types';
import type { FieldError } from './CompileInputError';
import {
  formatFieldPath,
  splitJsonPointer,
  type FieldPathSegment,
} from './fieldPath';

/** The path segments of a pointer into `data`, with array indexes as numbers. */
function resolvePath(data: JsonValue, pointer: string): FieldPathSegment[] {
  const segments: FieldPathSegment[] = [];
  let node: JsonValue | undefined = data;
  for (const part of splitJsonPointer(pointer)) {
    if (Array.isArray(node)) {
      const index = Number(part);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(part);
      node =
        node && typeof node === 'object'
          ? (node as Record<string, JsonValue>)[part]
          : undefined;
    }
  }
  return segments;
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  const named = types.map(t => {
    if (t === 'integer') return 'an integer';
    if (t === 'object') return 'an object';
    if (t === 'array') return 'an array';
    if (t === 'null') return 'null';
    return `a ${String(t)}`;
  });
  return named.join(' or ');
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this kind';
    case 'type':
      return `must be ${describeType(params.type)}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[])
        .map(v => JSON.stringify(v))
        .join(', ')}`;
    case 'pattern':
      return `must match the pattern ${String(params.pattern)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'anyOf':
      return 'must be an integer or a string, or match one of the allowed shapes';
    case 'uniqueItems': {
      const [a, b] = [Number(params.i), Number(params.j)].sort((x, y) => x - y);
      return `must not contain duplicate items (items ${a} and ${b} are equal)`;
    }
    default:
      return (error.message ?? 'is invalid').replace(/\bNOT\b/g, 'not');
  }
}

/**
 * Turns Ajv errors into field errors named by manifest path. Errors of the
 * branches of a failed `anyOf`/`oneOf` and the `if` wrapper around patterns
 * are folded into the one error that explains them; duplicates are dropped.
 */
export function toFieldErrors(
  errors: readonly ErrorObject[],
  data: JsonValue,
): FieldError[] {
  const junctions = errors
    .filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map(e => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (junctions.some(prefix => error.schemaPath.startsWith(prefix))) continue;
    const segments = resolvePath(data, error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      segments.push(String(params.missingProperty));
    } else if (error.keyword === 'additionalProperties') {
      segments.push(String(params.additionalProperty));
    }
    const fieldError = {
      path: formatFieldPath(segments) || '(manifest)',
      message: messageOf(error),
    };
    const key = `${fieldError.path}\u0000${fieldError.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fieldError);
    }
  }
  return out;
}
