import type {
  PlatformKind,
  ResourceStatus,
} from '@fractal/backstage-plugin-platform-common';

/** A Kubernetes object as the informers cache it (managedFields stripped). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    generation?: number;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    finalizers?: string[];
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/**
 * One change of one platform resource (a claim of a platform kind), as seen by
 * the informers, with the status rules already applied. The cache emits these
 * in order per (cluster, uid); the history recorder and the push layer consume
 * them. `initial` is true for objects delivered by a (re)list rather than a
 * watch event, so a consumer can tell "first seen already Ready" from "became
 * Ready just now".
 *
 * A `modified` change may carry the very same object as `previous`: when only
 * the time-dependent status rules changed the status (a ReconcileError turning
 * persistent), or when the namespace's tenant mapping changed
 * (`previousTenant` differs from `tenant`).
 */
export interface ResourceChange {
  type: 'added' | 'modified' | 'deleted';
  cluster: string;
  kind: PlatformKind;
  object: KubeObject;
  previous?: KubeObject;
  status: ResourceStatus;
  previousStatus?: ResourceStatus;
  /** Tenant (Group name) from the namespace mapping, if any. */
  tenant?: string;
  /** The tenant before this change, for `modified` and `deleted` changes. */
  previousTenant?: string;
  /** When the informer observed the change. */
  observedAt: Date;
  initial: boolean;
}

/** Receives resource changes; errors are logged by the caller, never swallowed silently. */
export type ResourceChangeListener = (
  change: ResourceChange,
) => void | Promise<void>;
