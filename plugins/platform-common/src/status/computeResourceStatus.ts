import type { Condition, ResourceStatus } from '../api/types';
import { CORE_KIND_STATUS_RULES } from './coreKindStatusRules';
import {
  CONDITION_STATUS_RULES,
  KSTATUS_STATUS_RULES,
} from './defaultStatusRules';
import { apiGroupOf, readObjectFacts } from './readObjectFacts';
import type {
  ComputeResourceStatusOptions,
  KubernetesObjectLike,
  ObjectFacts,
  StatusRule,
  StatusRuleContext,
  StatusRuleSet,
} from './types';

/** Default of {@link ComputeResourceStatusOptions.persistentErrorAfterMs}: 5 minutes. @public */
export const DEFAULT_PERSISTENT_ERROR_AFTER_MS = 5 * 60 * 1000;
/** Default of {@link ComputeResourceStatusOptions.newObjectGraceMs}: 2 minutes. @public */
export const DEFAULT_NEW_OBJECT_GRACE_MS = 2 * 60 * 1000;

/**
 * The key of a kind in a {@link StatusRuleSet}: `group/kind`, with the core
 * group written `core` (`v1` Pod -> `core/Pod`, `apps/v1` Deployment ->
 * `apps/Deployment`, `platform.fractal.dev/v1alpha1` Bucket ->
 * `platform.fractal.dev/Bucket`).
 * @public
 */
export function statusRuleKey(apiVersion: string, kind: string): string {
  return `${apiGroupOf(apiVersion) || 'core'}/${kind}`;
}

function rulesFor(set: StatusRuleSet | undefined, facts: ObjectFacts) {
  if (!set || facts.kind === undefined) return [];
  const group = facts.group || 'core';
  const found: StatusRule[] = [];
  for (const key of [`${group}/${facts.kind}`, `${group}/*`]) {
    const entry = Object.prototype.hasOwnProperty.call(set, key)
      ? set[key]
      : undefined;
    if (typeof entry === 'function') found.push(entry);
    else if (entry) found.push(...entry);
  }
  return found;
}

function toMillis(now: ComputeResourceStatusOptions['now']): number {
  if (now === undefined) return Date.now();
  if (typeof now === 'number') return now;
  return typeof now === 'string' ? Date.parse(now) : now.getTime();
}

/** True when a condition describes an older generation than the object's. */
function isStale(condition: Condition, generation: number | undefined) {
  return (
    generation !== undefined &&
    condition.observedGeneration !== undefined &&
    condition.observedGeneration < generation
  );
}

function createContext(
  facts: ObjectFacts,
  options: ComputeResourceStatusOptions,
): StatusRuleContext {
  const byType = (type: string) =>
    facts.conditions.find(condition => condition.type === type);
  return {
    facts,
    now: toMillis(options.now),
    persistentErrorAfterMs:
      options.persistentErrorAfterMs ?? DEFAULT_PERSISTENT_ERROR_AFTER_MS,
    newObjectGraceMs: options.newObjectGraceMs ?? DEFAULT_NEW_OBJECT_GRACE_MS,
    condition(type) {
      const condition = byType(type);
      return condition && !isStale(condition, facts.generation)
        ? condition
        : undefined;
    },
    staleCondition(type) {
      const condition = byType(type);
      return condition && isStale(condition, facts.generation)
        ? condition
        : undefined;
    },
  };
}

/**
 * Summarizes a Kubernetes object into a {@link ResourceStatus}. Rules run in
 * this order and the first that returns a status wins:
 *
 * 1. the caller's `overrides` for the object's `group/kind`, then `group/*`;
 * 2. kstatus: `deletionTimestamp` -> Terminating; `status.observedGeneration`
 *    older than `metadata.generation` -> InProgress; `Reconciling=True` ->
 *    InProgress; `Stalled=True` -> Failed;
 * 3. built-in rules for core kinds ({@link CORE_KIND_STATUS_RULES});
 * 4. Crossplane-style conditions: `Synced=False`/`ReconcileError` -> Failed when
 *    persistent, else InProgress; `Ready=True` -> Ready; `Ready=False|Unknown`
 *    -> InProgress; a Ready condition older than the current generation ->
 *    InProgress; `Synced=True` without Ready -> InProgress;
 * 5. `status.phase`;
 * 6. nothing known: InProgress (`Pending`) when created less than
 *    `newObjectGraceMs` ago without any status, Unknown otherwise.
 *
 * Conditions carrying an `observedGeneration` older than `metadata.generation`
 * are ignored by the condition rules. Malformed objects yield Unknown; the
 * function only throws when an override rule throws.
 * @public
 */
export function computeResourceStatus(
  object: KubernetesObjectLike,
  options: ComputeResourceStatusOptions = {},
): ResourceStatus {
  const facts = readObjectFacts(object);
  const context = createContext(facts, options);
  const rules: StatusRule[] = [
    ...rulesFor(options.overrides, facts),
    ...KSTATUS_STATUS_RULES,
    ...rulesFor(CORE_KIND_STATUS_RULES, facts),
    ...CONDITION_STATUS_RULES,
  ];
  for (const rule of rules) {
    const status = rule(object, context);
    if (status) return status;
  }
  // Unreachable: the fallback rule always decides.
  return { state: 'Unknown', reason: 'NoStatus' };
}
