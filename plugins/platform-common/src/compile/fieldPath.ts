/** One step of a field path: an object key or an array index. @public */
export type FieldPathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a field path the way Kubernetes and Fractal's errors and
 * provenance name fields: dotted keys, `[n]` for array indexes, and
 * `["..."]` (JSON-quoted) for keys that are not plain identifiers:
 * `spec.parameters.ports[0].containerPort`,
 * `metadata.labels["fractal.dev/tenant"]`.
 * @public
 */
export function formatFieldPath(segments: readonly FieldPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    out =
      typeof segment === 'number'
        ? `${out}[${segment}]`
        : appendFieldPath(out, segment);
  }
  return out;
}

/** Appends one object key to a formatted field path. */
export function appendFieldPath(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Splits a JSON pointer (`/spec/ports/0`) into unescaped segments. */
export function splitJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}
