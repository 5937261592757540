import type { ObjectRef } from '../api/types';
import { apiGroupOf, isRecord } from '../status/readObjectFacts';
import type { KubernetesObjectLike } from '../status/types';

/**
 * A reference to an object in the same cluster, as Crossplane writes them in
 * `spec.resourceRef`, `spec.resourceRefs` and `spec.crossplane.resourceRefs`.
 * @public
 */
export interface ResourceReference {
  apiVersion: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects, and in references that imply it. */
  namespace?: string;
  uid?: string;
}

/**
 * The index key of a reference: `group/kind/namespace/name`, with the core
 * group written `core` and an empty namespace for cluster-scoped objects
 * (`platform.fractal.dev/XBucket//invoices-q8w4t`). The version is left out on
 * purpose: a reference and the cached object may name different served
 * versions of the same kind. None of the parts can contain `/`, so keys are
 * unambiguous.
 * @public
 */
export function resourceRefKey(ref: {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}): string {
  const group = apiGroupOf(ref.apiVersion) || 'core';
  return `${group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function readReference(value: unknown): ResourceReference | undefined {
  if (!isRecord(value)) return undefined;
  const apiVersion = readString(value.apiVersion);
  const kind = readString(value.kind);
  const name = readString(value.name);
  if (!apiVersion || !kind || !name) return undefined;
  const ref: ResourceReference = { apiVersion, kind, name };
  const namespace = readString(value.namespace);
  const uid = readString(value.uid);
  if (namespace) ref.namespace = namespace;
  if (uid) ref.uid = uid;
  return ref;
}

/**
 * The reference of an object itself, or `undefined` when it lacks an
 * apiVersion, kind or name.
 * @public
 */
export function referenceOf(
  object: KubernetesObjectLike,
): ResourceReference | undefined {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return readReference({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: metadata.name,
    namespace: metadata.namespace,
    uid: metadata.uid,
  });
}

/**
 * The index key of an object ({@link resourceRefKey} of its own reference),
 * or `undefined` when it lacks an apiVersion, kind or name.
 * @public
 */
export function objectKey(object: KubernetesObjectLike): string | undefined {
  const ref = referenceOf(object);
  return ref && resourceRefKey(ref);
}

/**
 * The {@link ObjectRef} of an object in a cluster.
 * @public
 */
export function objectRefOf(
  object: KubernetesObjectLike,
  cluster: string,
): ObjectRef | undefined {
  const ref = referenceOf(object);
  return ref && { cluster, ...ref };
}

/**
 * The objects an object composes, in the order written: a claim's
 * `spec.resourceRef`, a composite's `spec.resourceRefs` and a Crossplane v2
 * composite's `spec.crossplane.resourceRefs`. Malformed entries are skipped.
 *
 * Namespaces: references are used as written, except that a Crossplane v2
 * reference without a namespace, held by a namespaced composite, gets the
 * composite's namespace (a namespaced v2 composite only composes resources in
 * its own namespace). A claim's `spec.resourceRef` names a cluster-scoped
 * composite, so it stays without a namespace.
 * @public
 */
export function childReferencesOf(
  object: KubernetesObjectLike,
): ResourceReference[] {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (!spec) return [];
  const refs: ResourceReference[] = [];
  const legacy: unknown[] = [spec.resourceRef];
  if (Array.isArray(spec.resourceRefs)) legacy.push(...spec.resourceRefs);
  for (const candidate of legacy) {
    const ref = readReference(candidate);
    if (ref) refs.push(ref);
  }
  const crossplane = isRecord(spec.crossplane) ? spec.crossplane : undefined;
  if (Array.isArray(crossplane?.resourceRefs)) {
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    const namespace = readString(metadata.namespace);
    for (const candidate of crossplane.resourceRefs) {
      const ref = readReference(candidate);
      if (ref) {
        refs.push(ref.namespace || !namespace ? ref : { ...ref, namespace });
      }
    }
  }
  return refs;
}

/** The uids an object's `metadata.ownerReferences` point at. @public */
export function ownerUidsOf(object: KubernetesObjectLike): string[] {
  const metadata = isRecord(object.metadata) ? object.metadata : undefined;
  const owners = metadata?.ownerReferences;
  if (!Array.isArray(owners)) return [];
  const uids: string[] = [];
  for (const owner of owners) {
    const uid = isRecord(owner) ? readString(owner.uid) : undefined;
    if (uid) uids.push(uid);
  }
  return uids;
}
