import type {
  DefaultsLayer,
  JsonObject,
  JsonValue,
  ProvenanceEntry,
} from '../api/types';
import {
  flattenProvenance,
  isJsonObject,
  provenanceMapAt,
  type ProvenanceMap,
} from './provenance';

/** One layer of values to merge. @public */
export interface LayerValue {
  layer: DefaultsLayer;
  value: JsonObject;
}

/** A deep copy of a value with `null` object properties removed (arrays are kept verbatim). */
function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item !== null) out[key] = withoutNulls(item);
  }
  return out;
}

/** A deep copy of a JSON value. */
export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) out[key] = cloneJson(value[key]);
  return out;
}

function mergeInto(
  target: JsonObject,
  provenance: ProvenanceMap,
  source: JsonObject,
  layer: DefaultsLayer,
) {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (incoming === null) {
      delete target[key];
      delete provenance[key];
      continue;
    }
    const existing = target[key];
    if (isJsonObject(incoming) && isJsonObject(existing)) {
      mergeInto(
        existing,
        provenanceMapAt(provenance, key, existing),
        incoming,
        layer,
      );
      continue;
    }
    target[key] = withoutNulls(incoming);
    provenance[key] = layer;
  }
}

/**
 * Deep-merges layers, lowest precedence first, into a fresh object, and
 * records which layer set each key. The semantics:
 *
 * - objects merge key by key, recursively;
 * - arrays and scalars replace what a lower layer set (arrays are never
 *   concatenated or merged by index);
 * - a later layer wins;
 * - `null` removes the key and whatever lower layers set below it (so a
 *   tenant can drop a platform default; a schema default for the same field
 *   still applies afterwards, as the API server would apply it); `null`
 *   inside arrays is kept as written.
 *
 * Inputs are not modified.
 */
export function mergeLayerTree(layers: readonly LayerValue[]): {
  value: JsonObject;
  provenance: ProvenanceMap;
} {
  const value: JsonObject = {};
  const provenance: ProvenanceMap = {};
  for (const { layer, value: layerValue } of layers) {
    mergeInto(value, provenance, layerValue, layer);
  }
  return { value, provenance };
}

/**
 * Deep-merges layers as {@link mergeLayerTree} describes and lists the
 * provenance of every leaf of the result.
 * @public
 */
export function mergeLayers(layers: readonly LayerValue[]): {
  value: JsonObject;
  provenance: ProvenanceEntry[];
} {
  const { value, provenance } = mergeLayerTree(layers);
  const fallback = layers[layers.length - 1]?.layer ?? 'user';
  return { value, provenance: flattenProvenance(value, provenance, fallback) };
}
