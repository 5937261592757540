import type {
  DefaultsLayer,
  ProvenanceEntry,
} from '@fractal/backstage-plugin-platform-common';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import {
  formatFieldPath,
  type FieldPathSegment,
} from '@fractal/backstage-plugin-platform-common';

/** One line of the compiled YAML, with the layer that set it (for leaves). */
export interface YamlLine {
  /** 1-based line number. */
  number: number;
  text: string;
  /** Field path of the leaf that starts on this line, if any. */
  path?: string;
  layer?: DefaultsLayer;
}

/** Whether `ancestor` names an object or array that contains `path`. */
export function isAncestorPath(ancestor: string, path: string): boolean {
  if (!path.startsWith(ancestor) || path.length === ancestor.length) {
    return false;
  }
  const next = path[ancestor.length];
  return ancestor === '' || next === '.' || next === '[';
}

/** The layer of `path`: its own entry, else that of its nearest ancestor. */
export function layerOf(
  path: string,
  provenance: ReadonlyMap<string, DefaultsLayer>,
): DefaultsLayer | undefined {
  const own = provenance.get(path);
  if (own) {
    return own;
  }
  let best: { path: string; layer: DefaultsLayer } | undefined;
  for (const [candidate, layer] of provenance) {
    if (
      isAncestorPath(candidate, path) &&
      (!best || candidate.length > best.path.length)
    ) {
      best = { path: candidate, layer };
    }
  }
  return best?.layer;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/**
 * Splits compiled YAML into lines and tags the line of every leaf (scalars,
 * empty maps and sequences) with its field path and provenance layer.
 */
export function yamlLines(
  yaml: string,
  provenance: ProvenanceEntry[],
): YamlLine[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter });
  const layers = new Map(provenance.map(e => [e.path, e.layer] as const));
  const leafAt = new Map<number, string>();

  const markLeaf = (
    offset: number | undefined,
    segments: FieldPathSegment[],
  ) => {
    if (offset === undefined) {
      return;
    }
    const { line } = lineCounter.linePos(offset);
    if (!leafAt.has(line)) {
      leafAt.set(line, formatFieldPath(segments));
    }
  };

  const walk = (
    node: unknown,
    segments: FieldPathSegment[],
    lineOffset?: number,
  ) => {
    if (isMap(node) && node.items.length > 0) {
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        walk(pair.value, [...segments, keyText(pair.key)], keyNode?.range?.[0]);
      }
    } else if (isSeq(node) && node.items.length > 0) {
      node.items.forEach((item, index) => {
        walk(item, [...segments, index], (item as Node | null)?.range?.[0]);
      });
    } else {
      // A scalar, null or empty collection: a leaf, reported on the line of
      // its key (or of the item, in a sequence).
      markLeaf(lineOffset ?? (node as Node | null)?.range?.[0], segments);
    }
  };
  walk(document.contents, []);

  const text = yaml.endsWith('\n') ? yaml.slice(0, -1) : yaml;
  return text.split('\n').map((line, index) => {
    const number = index + 1;
    const path = leafAt.get(number);
    return {
      number,
      text: line,
      ...(path !== undefined ? { path, layer: layerOf(path, layers) } : {}),
    };
  });
}
