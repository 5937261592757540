import type {
  DefaultsLayer,
  JsonObject,
  JsonValue,
  ProvenanceEntry,
} from '../api/types';
import { appendFieldPath } from './fieldPath';

/**
 * Provenance of a JSON value, shaped like the value: a layer name stands for
 * "every leaf below came from this layer"; an object gives the provenance of
 * each key, an array that of each element.
 */
export type ProvenanceNode = DefaultsLayer | ProvenanceMap | ProvenanceNode[];
/** Provenance of the keys of one JSON object. */
export interface ProvenanceMap {
  [key: string]: ProvenanceNode;
}

export function isJsonObject(
  value: JsonValue | undefined,
): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The provenance map of the object at `parent[key]`, splitting a whole-subtree
 * layer into one entry per existing key so single keys can be overwritten.
 */
export function provenanceMapAt(
  parent: ProvenanceMap,
  key: string,
  value: JsonObject,
): ProvenanceMap {
  const node = parent[key];
  if (typeof node === 'object' && !Array.isArray(node)) return node;
  const map: ProvenanceMap = {};
  if (typeof node === 'string') {
    for (const child of Object.keys(value)) map[child] = node;
  }
  parent[key] = map;
  return map;
}

/** Like {@link provenanceMapAt}, for the elements of an array. */
export function provenanceListAt(
  parent: ProvenanceMap | ProvenanceNode[],
  key: string | number,
  value: JsonValue[],
): ProvenanceNode[] {
  const container = parent as Record<string | number, ProvenanceNode>;
  const node = container[key];
  if (Array.isArray(node)) return node;
  const list: ProvenanceNode[] = value.map(() =>
    typeof node === 'string' ? node : 'schema',
  );
  container[key] = list;
  return list;
}

/**
 * Lists the provenance of every leaf of `value` in document order. Leaves are
 * scalars, `null`, and empty objects or arrays; array elements are written
 * `[n]`. Keys without a recorded layer are reported as `fallback`.
 */
export function flattenProvenance(
  value: JsonObject,
  provenance: ProvenanceMap,
  fallback: DefaultsLayer,
): ProvenanceEntry[] {
  const entries: ProvenanceEntry[] = [];
  const walk = (node: JsonValue, prov: ProvenanceNode, path: string) => {
    if (Array.isArray(node)) {
      if (node.length > 0) {
        for (let i = 0; i < node.length; i++) {
          let child: ProvenanceNode = fallback;
          if (typeof prov === 'string') child = prov;
          else if (Array.isArray(prov)) child = prov[i] ?? fallback;
          walk(node[i], child, `${path}[${i}]`);
        }
        return;
      }
    } else if (isJsonObject(node)) {
      const keys = Object.keys(node);
      if (keys.length > 0) {
        for (const key of keys) {
          let child: ProvenanceNode = fallback;
          if (typeof prov === 'string') child = prov;
          else if (!Array.isArray(prov)) child = prov[key] ?? fallback;
          walk(node[key], child, appendFieldPath(path, key));
        }
        return;
      }
    }
    entries.push({
      path,
      layer: typeof prov === 'string' ? prov : fallback,
    });
  };
  for (const key of Object.keys(value)) {
    walk(value[key], provenance[key] ?? fallback, appendFieldPath('', key));
  }
  return entries;
}
