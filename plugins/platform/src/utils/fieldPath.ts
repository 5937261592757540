/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a field path the way the compile names fields in provenance and
 * errors: dotted keys, `[n]` for array indexes, `["..."]` for other keys,
 * e.g. `metadata.labels["fractal.dev/tenant"]`, `spec.ports[0].port`.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (PLAIN_KEY.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/** Whether `ancestor` names an object or array that contains `path`. */
export function isAncestorPath(ancestor: string, path: string): boolean {
  if (!path.startsWith(ancestor) || path.length === ancestor.length) {
    return false;
  }
  const next = path[ancestor.length];
  return ancestor === '' || next === '.' || next === '[';
}
