import {
  formatFieldPath,
  type FieldPathSegment,
} from '@fractal/backstage-plugin-platform-common';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The path of the first difference between two JSON values (object key
 * order ignored), or undefined when they are equal.
 */
export function firstDifference(
  a: unknown,
  b: unknown,
  path: FieldPathSegment[] = [],
): string | undefined {
  const here = () => formatFieldPath(path) || '(root)';
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return here();
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (i >= a.length || i >= b.length) return formatFieldPath([...path, i]);
      const found = firstDifference(a[i], b[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return here();
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference(a[key], b[key], [...path, key]);
      if (found) return found;
    }
    return undefined;
  }
  return a === b ? undefined : here();
}
