import type { ResourceStatus } from '../api/types';
import { statusFromCondition } from './statusFromCondition';
import type { StatusRule } from './types';

/** kstatus: an object with a deletionTimestamp is Terminating. @public */
export const terminatingRule: StatusRule = (_object, { facts }) => {
  if (facts.deletionTimestamp === undefined) return undefined;
  return {
    state: 'Terminating',
    reason: 'Deleting',
    message: 'The object is being deleted',
    since: facts.deletionTimestamp,
  };
};

/**
 * kstatus: when the controller reports `status.observedGeneration` and it is
 * older than `metadata.generation`, the current spec has not been seen yet.
 * @public
 */
export const observedGenerationRule: StatusRule = (_object, { facts }) => {
  const { generation, observedGeneration } = facts;
  if (
    generation === undefined ||
    observedGeneration === undefined ||
    observedGeneration >= generation
  ) {
    return undefined;
  }
  return {
    state: 'InProgress',
    reason: 'ObservedGenerationStale',
    message: `The controller has observed generation ${observedGeneration}; the object is at generation ${generation}`,
  };
};

/** kstatus: `Reconciling=True` is InProgress. @public */
export const reconcilingRule: StatusRule = (_object, context) => {
  const reconciling = context.condition('Reconciling');
  return reconciling?.status === 'True'
    ? statusFromCondition('InProgress', reconciling)
    : undefined;
};

/** kstatus: `Stalled=True` is Failed. @public */
export const stalledRule: StatusRule = (_object, context) => {
  const stalled = context.condition('Stalled');
  return stalled?.status === 'True'
    ? statusFromCondition('Failed', stalled)
    : undefined;
};

/**
 * Crossplane: `Synced=False` with reason `ReconcileError` is Failed once it has
 * lasted `persistentErrorAfterMs` (measured from its `lastTransitionTime`), and
 * InProgress before that. Without a `lastTransitionTime` its age is unknown, so
 * it stays InProgress. Crossplane rewrites `lastTransitionTime` whenever the
 * condition changes (a new error message included), so "lasted" means "the
 * same error has lasted".
 * @public
 */
export const syncedErrorRule: StatusRule = (_object, context) => {
  const synced = context.condition('Synced');
  if (synced?.status !== 'False' || synced.reason !== 'ReconcileError') {
    return undefined;
  }
  const since =
    synced.lastTransitionTime === undefined
      ? undefined
      : Date.parse(synced.lastTransitionTime);
  const persistent =
    since !== undefined &&
    context.now - since >= context.persistentErrorAfterMs;
  return statusFromCondition(persistent ? 'Failed' : 'InProgress', synced);
};

/**
 * Crossplane (and most operators): `Ready=True` is Ready; `Ready=False` or
 * `Unknown` (reasons `Creating`, `Deleting`, `Unavailable`, `Waiting`, or any
 * other) is InProgress. A Ready condition older than the current generation
 * does not count: the object is InProgress until the controller reports on
 * the current generation.
 * @public
 */
export const readyConditionRule: StatusRule = (_object, context) => {
  const ready = context.condition('Ready');
  if (ready) {
    return statusFromCondition(
      ready.status === 'True' ? 'Ready' : 'InProgress',
      ready,
    );
  }
  const stale = context.staleCondition('Ready');
  if (stale) {
    const generation = context.facts.generation;
    return {
      state: 'InProgress',
      reason: 'ConditionStale',
      message: `The Ready condition describes generation ${stale.observedGeneration}; the object is at generation ${generation}`,
    };
  }
  return undefined;
};

/**
 * `Synced=True` without any Ready condition yet: the controller accepted the
 * spec but has not judged readiness.
 * @public
 */
export const syncedWithoutReadyRule: StatusRule = (_object, context) => {
  const synced = context.condition('Synced');
  if (synced?.status !== 'True' || context.staleCondition('Ready')) {
    return undefined;
  }
  return {
    ...statusFromCondition('InProgress', synced),
    reason: 'AwaitingReady',
    message: 'Synced, waiting for the Ready condition',
  };
};

const READY_PHASES = new Set([
  'Active',
  'Available',
  'Bound',
  'Ready',
  'Running',
  'Succeeded',
]);
const FAILED_PHASES = new Set(['Error', 'Failed', 'Lost']);
const TERMINATING_PHASES = new Set(['Terminating']);

/**
 * Objects without conditions but with a `status.phase`: well-known phase
 * values map to states, any other phase is InProgress.
 * @public
 */
export const phaseRule: StatusRule = (_object, { facts }) => {
  const phase = facts.phase;
  if (phase === undefined) return undefined;
  let state: ResourceStatus['state'] = 'InProgress';
  if (READY_PHASES.has(phase)) state = 'Ready';
  else if (FAILED_PHASES.has(phase)) state = 'Failed';
  else if (TERMINATING_PHASES.has(phase)) state = 'Terminating';
  return { state, reason: phase, message: `Phase ${phase}` };
};

/**
 * The last rule: nothing decided. A fresh object (created less than
 * `newObjectGraceMs` ago) that has no status yet is InProgress (`Pending`), so
 * a just-applied claim counts as provisioning; anything else is Unknown.
 * @public
 */
export const fallbackRule: StatusRule = (_object, context) => {
  const { facts } = context;
  const created =
    facts.creationTimestamp === undefined
      ? undefined
      : Date.parse(facts.creationTimestamp);
  const hasStatus =
    facts.conditions.length > 0 || facts.observedGeneration !== undefined;
  if (
    !hasStatus &&
    created !== undefined &&
    context.now - created < context.newObjectGraceMs
  ) {
    return {
      state: 'InProgress',
      reason: 'Pending',
      message: 'Created; the controller has not reported a status yet',
      since: facts.creationTimestamp,
    };
  }
  return {
    state: 'Unknown',
    reason: hasStatus ? 'NoReadyCondition' : 'NoStatus',
    message: hasStatus
      ? 'The status has no condition the rules understand'
      : 'The controller has not reported a status',
  };
};

/**
 * The rules that run before any per-kind rule (built in or override-free
 * kstatus order): deletion, observed generation, Reconciling, Stalled.
 * @public
 */
export const KSTATUS_STATUS_RULES: readonly StatusRule[] = [
  terminatingRule,
  observedGenerationRule,
  reconcilingRule,
  stalledRule,
];

/**
 * The condition rules that run after the per-kind ones, in order. The
 * {@link fallbackRule} always decides, so the list is complete.
 * @public
 */
export const CONDITION_STATUS_RULES: readonly StatusRule[] = [
  syncedErrorRule,
  readyConditionRule,
  syncedWithoutReadyRule,
  phaseRule,
  fallbackRule,
];
