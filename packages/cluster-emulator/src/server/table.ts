import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { KubeObject } from '../util/objects';
import { PrinterColumn, ResourceType } from '../store/ResourceType';

/** Whether the client asked for `meta.k8s.io` Table output (as `kubectl get` does). */
export function wantsTable(accept: string | undefined): boolean {
  return Boolean(
    accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept),
  );
}

/**
 * Evaluates the simple JSONPath printer columns use: `.a.b`, `.a[0].b`,
 * `.a[*].b` and `.a[?(@.type=="Ready")].status`.
 */
export function evaluateJsonPath(obj: JsonValue, path: string): JsonValue[] {
  let current: JsonValue[] = [obj];
  const tokens =
    path
      .trim()
      .replace(/^\{|\}$/g, '')
      .match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  for (const token of tokens) {
    const next: JsonValue[] = [];
    for (const value of current) {
      if (token.startsWith('.')) {
        if (isJsonObject(value) && value[token.slice(1)] !== undefined)
          next.push(value[token.slice(1)]);
        continue;
      }
      if (!Array.isArray(value)) continue;
      const inner = token.slice(1, -1);
      const filter = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"')]*)["']?\)$/.exec(
        inner,
      );
      if (inner === '*') next.push(...value);
      else if (filter) {
        next.push(
          ...value.filter(
            item => isJsonObject(item) && String(item[filter[1]]) === filter[2],
          ),
        );
      } else if (/^\d+$/.test(inner) && value[Number(inner)] !== undefined) {
        next.push(value[Number(inner)]);
      }
    }
    current = next;
  }
  return current;
}

/** Renders a duration the way kubectl's AGE column does (`45s`, `5m30s`, `3h`, `12d`). */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10)
    return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8)
    return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 730) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

function cell(
  column: PrinterColumn,
  obj: KubeObject,
  nowMs: number,
): JsonValue {
  const values = evaluateJsonPath(obj, column.jsonPath);
  if (values.length === 0) return null;
  const first = values[0];
  if (column.type === 'date' && typeof first === 'string') {
    const t = Date.parse(first);
    return Number.isNaN(t) ? first : humanDuration(nowMs - t);
  }
  if (values.length > 1)
    return values
      .map(v => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
      .join(',');
  return typeof first === 'object' && first !== null
    ? JSON.stringify(first)
    : first;
}

function columnType(type: string): string {
  return type === 'date' ? 'string' : type;
}

/** A `meta.k8s.io/v1` Table of objects, with partial object metadata per row. */
export function renderTable(
  type: ResourceType,
  objects: KubeObject[],
  resourceVersion: string,
  nowMs: number,
  includeObject: string | undefined,
  continueToken?: string,
): JsonObject {
  const columns = type.printerColumns;
  const hasAge = columns.some(
    c => c.jsonPath === '.metadata.creationTimestamp',
  );
  const all: PrinterColumn[] = [
    {
      name: 'Name',
      type: 'string',
      jsonPath: '.metadata.name',
      format: 'name',
      description: 'Name must be unique within a namespace.',
    },
    ...columns,
    ...(hasAge
      ? []
      : [
          {
            name: 'Age',
            type: 'date',
            jsonPath: '.metadata.creationTimestamp',
          },
        ]),
  ];
  const metadata: JsonObject = { resourceVersion };
  if (continueToken) metadata.continue = continueToken;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: all.map(c => ({
      name: c.name,
      type: columnType(c.type),
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map(obj => {
      const row: JsonObject = { cells: all.map(c => cell(c, obj, nowMs)) };
      if (includeObject === 'Object') row.object = obj;
      else if (includeObject !== 'None') {
        row.object = {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: isJsonObject(obj.metadata) ? obj.metadata : {},
        };
      }
      return row;
    }),
  };
}
