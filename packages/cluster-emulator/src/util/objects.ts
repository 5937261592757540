import { isJsonObject, JsonObject, JsonValue } from './json';

/** A Kubernetes object as stored and served: plain JSON. */
export type KubeObject = JsonObject;

/** `metadata` of an object, created when missing. */
export function metadataOf(obj: KubeObject): JsonObject {
  const meta = obj.metadata;
  if (isJsonObject(meta)) {
    return meta;
  }
  const created: JsonObject = {};
  obj.metadata = created;
  return created;
}

function stringField(
  obj: JsonObject | undefined,
  key: string,
): string | undefined {
  const value = obj?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A string field of `metadata`, or undefined. */
export function metaString(obj: KubeObject, key: string): string | undefined {
  const meta = obj.metadata;
  return isJsonObject(meta) ? stringField(meta, key) : undefined;
}

/** `metadata.labels` as a string map (never undefined). */
export function labelsOf(obj: KubeObject): Record<string, string> {
  return stringMap(obj, 'labels');
}

/** `metadata.annotations` as a string map (never undefined). */
export function annotationsOf(obj: KubeObject): Record<string, string> {
  return stringMap(obj, 'annotations');
}

function stringMap(obj: KubeObject, key: string): Record<string, string> {
  const meta = obj.metadata;
  if (!isJsonObject(meta)) {
    return {};
  }
  const map = meta[key];
  if (!isJsonObject(map)) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v === 'string') {
      out[k] = v;
    }
  }
  return out;
}

/** `metadata.finalizers` (never undefined). */
export function finalizersOf(obj: KubeObject): string[] {
  const meta = obj.metadata;
  const list = isJsonObject(meta) ? meta.finalizers : undefined;
  return Array.isArray(list)
    ? list.filter((f): f is string => typeof f === 'string')
    : [];
}

/** An owner reference as Kubernetes defines it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `metadata.ownerReferences` (never undefined). */
export function ownerReferencesOf(obj: KubeObject): OwnerReference[] {
  const meta = obj.metadata;
  const list = isJsonObject(meta) ? meta.ownerReferences : undefined;
  if (!Array.isArray(list)) {
    return [];
  }
  const refs: OwnerReference[] = [];
  for (const item of list) {
    if (isJsonObject(item) && typeof item.uid === 'string') {
      refs.push({
        apiVersion: String(item.apiVersion ?? ''),
        kind: String(item.kind ?? ''),
        name: String(item.name ?? ''),
        uid: item.uid,
        controller: item.controller === true,
      });
    }
  }
  return refs;
}

/** A condition in `status.conditions`. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** The condition of a type in `status.conditions`, or undefined. */
export function conditionOf(
  obj: KubeObject,
  type: string,
): Condition | undefined {
  const status = obj.status;
  const list = isJsonObject(status) ? status.conditions : undefined;
  if (!Array.isArray(list)) {
    return undefined;
  }
  for (const item of list) {
    if (isJsonObject(item) && item.type === type) {
      return item as unknown as Condition;
    }
  }
  return undefined;
}

/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds. */
export function kubeTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .slice(0, 19)}Z`;
}

/** Kubernetes micro-time (events' `eventTime`): RFC 3339 with microseconds. */
export function kubeMicroTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Splits `group/version` (or `v1`) into its parts. */
export function parseApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) {
    return { group: '', version: apiVersion };
  }
  return {
    group: apiVersion.slice(0, slash),
    version: apiVersion.slice(slash + 1),
  };
}

/** Joins group and version into an apiVersion. */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** Narrows a JSON value to a string, or undefined. */
export function asString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
