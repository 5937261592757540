import type { Condition, ResourceStatus } from '../api/types';

/**
 * A Kubernetes object as the status rules and resource trees accept it: any
 * JSON object with `apiVersion`, `kind`, `metadata`, `spec` and `status`.
 * Every field is read defensively, so objects straight from a watch (or a
 * cache, or a test fixture) can be passed as they are.
 * @public
 */
export type KubernetesObjectLike = {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
  status?: unknown;
};

/** An owner reference, as read from `metadata.ownerReferences`. @public */
export interface OwnerReferenceFacts {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

/**
 * The facts of an object the status rules decide on, read once from the raw
 * object. Absent or malformed fields are `undefined` (or empty lists).
 * @public
 */
export interface ObjectFacts {
  apiVersion?: string;
  /** API group; `''` for the core group (`apiVersion: v1`). */
  group: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  /** `status.observedGeneration`, when the controller reports one. */
  observedGeneration?: number;
  /** `status.phase`, when present (core kinds and some operators). */
  phase?: string;
  /** Every well-formed entry of `status.conditions`, stale ones included. */
  conditions: Condition[];
  ownerReferences: OwnerReferenceFacts[];
}

/** What a {@link StatusRule} is given besides the raw object. @public */
export interface StatusRuleContext {
  /** The object's facts, read once. */
  readonly facts: ObjectFacts;
  /** The evaluation time, milliseconds since the epoch (injectable for tests). */
  readonly now: number;
  /** A `Synced=False`/`ReconcileError` older than this is persistent (Failed). */
  readonly persistentErrorAfterMs: number;
  /** An object without any status younger than this is InProgress, not Unknown. */
  readonly newObjectGraceMs: number;
  /**
   * The condition of that type when it describes the current generation: its
   * own `observedGeneration` is absent or not older than `metadata.generation`.
   */
  condition(type: string): Condition | undefined;
  /** The condition of that type when it exists but is older than the current generation. */
  staleCondition(type: string): Condition | undefined;
}

/**
 * One status rule: returns the status it decides, or `undefined` to let the
 * next rule decide. Rules must be pure (the time comes from the context).
 * @public
 */
export type StatusRule = (
  object: KubernetesObjectLike,
  context: StatusRuleContext,
) => ResourceStatus | undefined;

/**
 * Status rules keyed by `group/kind` (see {@link statusRuleKey}; the core group
 * is written `core`, e.g. `core/Pod`), or `group/*` for every kind of a group.
 * Exact keys run before group wildcards; a list runs in order.
 * @public
 */
export type StatusRuleSet = Record<string, StatusRule | readonly StatusRule[]>;

/** Options of {@link computeResourceStatus}. @public */
export interface ComputeResourceStatusOptions {
  /** Evaluation time; defaults to the current time. */
  now?: Date | number | string;
  /**
   * How long a `Synced=False` condition with reason `ReconcileError` must have
   * lasted (from its `lastTransitionTime`) to count as Failed. Default 5 minutes.
   */
  persistentErrorAfterMs?: number;
  /**
   * An object with no conditions, no phase and no observed generation that was
   * created less than this ago is InProgress (reason `Pending`); older ones are
   * Unknown (reason `NoStatus`). Default 2 minutes.
   */
  newObjectGraceMs?: number;
  /** Per-kind rules that run before the built-in ones. */
  overrides?: StatusRuleSet;
}
