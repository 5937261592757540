import type { Condition } from '../api/types';
import type {
  KubernetesObjectLike,
  ObjectFacts,
  OwnerReferenceFacts,
} from './types';

/** True for plain JSON-like objects (not arrays, not null). @public */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function asGeneration(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? value
    : undefined;
}

/**
 * A timestamp as an ISO 8601 string: strings are kept as written when they
 * parse, `Date`s (as typed Kubernetes clients return them) are converted.
 */
function asTimestamp(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  }
  const text = asString(value);
  return text !== undefined && !Number.isNaN(Date.parse(text))
    ? text
    : undefined;
}

const CONDITION_STATUSES = new Set(['True', 'False', 'Unknown']);

/** Reads `status.conditions`, keeping only well-formed entries. @public */
export function readConditions(object: KubernetesObjectLike): Condition[] {
  const status = isRecord(object.status) ? object.status : undefined;
  const raw = status?.conditions;
  if (!Array.isArray(raw)) {
    return [];
  }
  const conditions: Condition[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) {
      continue;
    }
    const type = asString(entry.type);
    const conditionStatus = entry.status;
    if (
      type === undefined ||
      typeof conditionStatus !== 'string' ||
      !CONDITION_STATUSES.has(conditionStatus)
    ) {
      continue;
    }
    const condition: Condition = {
      type,
      status: conditionStatus as Condition['status'],
    };
    const reason = asString(entry.reason);
    const message = asString(entry.message);
    const lastTransitionTime = asTimestamp(entry.lastTransitionTime);
    const observedGeneration = asGeneration(entry.observedGeneration);
    if (reason !== undefined) condition.reason = reason;
    if (message !== undefined) condition.message = message;
    if (lastTransitionTime !== undefined) {
      condition.lastTransitionTime = lastTransitionTime;
    }
    if (observedGeneration !== undefined) {
      condition.observedGeneration = observedGeneration;
    }
    conditions.push(condition);
  }
  return conditions;
}

function readOwnerReferences(metadata: Record<string, unknown> | undefined) {
  const raw = metadata?.ownerReferences;
  const refs: OwnerReferenceFacts[] = [];
  if (!Array.isArray(raw)) {
    return refs;
  }
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const apiVersion = asString(entry.apiVersion);
    const kind = asString(entry.kind);
    const name = asString(entry.name);
    const uid = asString(entry.uid);
    if (apiVersion && kind && name && uid) {
      refs.push({
        apiVersion,
        kind,
        name,
        uid,
        controller: entry.controller === true,
      });
    }
  }
  return refs;
}

/** The API group of an apiVersion: `apps/v1` -> `apps`, `v1` -> `''`. @public */
export function apiGroupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Reads the facts the status rules decide on. Never throws. @public */
export function readObjectFacts(object: KubernetesObjectLike): ObjectFacts {
  const metadata = isRecord(object.metadata) ? object.metadata : undefined;
  const status = isRecord(object.status) ? object.status : undefined;
  const apiVersion = asString(object.apiVersion);
  return {
    apiVersion,
    group: apiGroupOf(apiVersion),
    kind: asString(object.kind),
    name: asString(metadata?.name),
    namespace: asString(metadata?.namespace),
    uid: asString(metadata?.uid),
    generation: asGeneration(metadata?.generation),
    creationTimestamp: asTimestamp(metadata?.creationTimestamp),
    deletionTimestamp: asTimestamp(metadata?.deletionTimestamp),
    observedGeneration: asGeneration(status?.observedGeneration),
    phase: asString(status?.phase),
    conditions: readConditions(object),
    ownerReferences: readOwnerReferences(metadata),
  };
}
