import {
  isFractalOwnedKey,
  mergeLayers,
  type JsonObject,
} from '@fractal/backstage-plugin-platform-common';
import type { PlatformDefaultsLayers } from '@fractal/backstage-plugin-platform-node';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The user's input with `null` for every key the defaults set that the
 * compiled value lacks (compile removes a default when the user sends null).
 */
function withRemovals(compiled: unknown, defaults: unknown): unknown {
  if (!isObject(compiled) || !isObject(defaults)) return compiled;
  const out: Record<string, unknown> = { ...compiled };
  for (const [key, value] of Object.entries(defaults)) {
    if (!(key in compiled)) out[key] = null;
    else out[key] = withRemovals(compiled[key], value);
  }
  return out;
}

/**
 * The user layer that, compiled with `defaults`, gives `manifest` again: the
 * action's form values (`spec.parameters`) and the labels no default set.
 * Everything else in the manifest must then come from the defaults, the
 * schema or Fractal itself, which a recompile checks.
 */
export function userLayerOf(
  manifest: Record<string, unknown>,
  defaults: PlatformDefaultsLayers,
): { parameters?: unknown; labels?: Record<string, string> } {
  const layers = (['platform', 'environment', 'tenant'] as const).flatMap(
    layer => {
      const value = defaults[layer];
      return value ? [{ layer, value }] : [];
    },
  );
  const merged: JsonObject = mergeLayers(layers).value;
  const mergedSpec = isObject(merged.spec) ? merged.spec : {};
  const mergedMetadata = isObject(merged.metadata) ? merged.metadata : {};
  const defaultLabels = isObject(mergedMetadata.labels)
    ? mergedMetadata.labels
    : {};
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const out: { parameters?: unknown; labels?: Record<string, string> } = {};
  if ('parameters' in spec) {
    out.parameters = withRemovals(spec.parameters, mergedSpec.parameters);
  }
  if (isObject(metadata.labels)) {
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(metadata.labels)) {
      if (typeof value !== 'string' || isFractalOwnedKey(key)) continue;
      if (defaultLabels[key] === value) continue;
      labels[key] = value;
    }
    if (Object.keys(labels).length > 0) out.labels = labels;
  }
  return out;
}
