import type { KubeObject } from '../cache/ResourceChange';

const DROPPED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && !DROPPED_ANNOTATIONS.includes(k)) {
      out[k] = v;
      any = true;
    }
  }
  return any ? out : undefined;
}

/**
 * Keeps what Fractal reads of a watched object and drops the rest:
 * `managedFields`, the `last-applied-configuration` annotation (a copy of the
 * whole object) and unknown top-level fields. Returns undefined for objects
 * without `metadata.uid` or `metadata.name`, which cannot be cached.
 */
export function slimObject(raw: unknown): KubeObject | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined;
  const m = raw.metadata;
  if (typeof m.uid !== 'string' || typeof m.name !== 'string') return undefined;
  const metadata: KubeObject['metadata'] = { name: m.name, uid: m.uid };
  if (typeof m.namespace === 'string') metadata.namespace = m.namespace;
  if (typeof m.generation === 'number') metadata.generation = m.generation;
  if (typeof m.resourceVersion === 'string')
    metadata.resourceVersion = m.resourceVersion;
  if (typeof m.creationTimestamp === 'string')
    metadata.creationTimestamp = m.creationTimestamp;
  if (typeof m.deletionTimestamp === 'string')
    metadata.deletionTimestamp = m.deletionTimestamp;
  const labels = stringRecord(m.labels);
  if (labels) metadata.labels = labels;
  const annotations = stringRecord(m.annotations);
  if (annotations) metadata.annotations = annotations;
  if (Array.isArray(m.ownerReferences) && m.ownerReferences.length > 0) {
    metadata.ownerReferences = m.ownerReferences.filter(isRecord).map(r => ({
      apiVersion: String(r.apiVersion),
      kind: String(r.kind),
      name: String(r.name),
      uid: String(r.uid),
      ...(r.controller === true ? { controller: true } : {}),
    }));
  }
  if (Array.isArray(m.finalizers) && m.finalizers.length > 0) {
    metadata.finalizers = m.finalizers.filter(
      (f): f is string => typeof f === 'string',
    );
  }
  const object: KubeObject = {
    apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
    kind: typeof raw.kind === 'string' ? raw.kind : '',
    metadata,
  };
  if (isRecord(raw.spec)) object.spec = raw.spec;
  if (isRecord(raw.status)) object.status = raw.status;
  return object;
}
