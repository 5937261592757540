import {
  ANNOTATION_CREATED_VIA,
  ANNOTATION_REQUESTED_BY,
  ANNOTATION_TEMPLATE,
  CREATED_VIA_PORTAL,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject, ResourceChange } from '../cache/ResourceChange';
import type { AttemptSeed, NewAttempt } from './AttemptStore';
import type { ResourceRecord } from './ResourceStore';

/**
 * A watch event delivered this long after the object's creationTimestamp (which
 * has whole-second precision) was seen late, e.g. after a watch gap: the start
 * is then taken from creationTimestamp and marked estimated.
 */
export const LATE_OBSERVATION_MS = 2000;

/** A transition of the attempt the change shows. */
export type PlannedTransition =
  | { type: 'ready'; at: number; estimated: boolean; live: boolean }
  | { type: 'failed'; at: number; reason?: string; message?: string };

/** The idempotent writes one resource change asks for. */
export interface ChangePlan {
  resource: Omit<ResourceRecord, 'deletedAt'>;
  attempt: AttemptSeed;
  transition?: PlannedTransition;
  /** deletionTimestamp seen: open attempts end as deleted at this time. */
  terminatingAt?: number;
  /** The object is gone: the resource's deletion time. */
  deletedAt?: number;
  observedAt: number;
  live: boolean;
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Half a second: the middle of a whole-second Kubernetes timestamp's second. */
export const WHOLE_SECOND_MIDPOINT_MS = 500;

/**
 * A Kubernetes timestamp as an estimate of when something happened.
 * `creationTimestamp` and condition times have whole seconds: `12:00:07Z`
 * stands for some moment in [12:00:07, 12:00:08), so the estimate is its
 * middle, 12:00:07.5 (error within ±0.5 s). Times with fractions are exact.
 */
export function estimateFromKubeTime(value: unknown): number | undefined {
  const t = parseTime(value);
  if (t === undefined) return undefined;
  const wholeSeconds = !/\.\d+/.test(String(value));
  return wholeSeconds ? t + WHOLE_SECOND_MIDPOINT_MS : t;
}

/** lastTransitionTime of a `Ready=True` condition, if any (see {@link estimateFromKubeTime}). */
export function readyTransitionTime(object: KubeObject): number | undefined {
  const conditions = object.status?.conditions;
  if (!Array.isArray(conditions)) return undefined;
  for (const condition of conditions) {
    if (
      condition &&
      typeof condition === 'object' &&
      (condition as Record<string, unknown>).type === 'Ready' &&
      (condition as Record<string, unknown>).status === 'True'
    ) {
      return estimateFromKubeTime(
        (condition as Record<string, unknown>).lastTransitionTime,
      );
    }
  }
  return undefined;
}

/**
 * When the attempt of this generation started, and whether that is estimated:
 *
 * - watch event (not from a list): the time the informer observed this
 *   generation, unless it is generation 1 seen {@link LATE_OBSERVATION_MS} or
 *   more after creationTimestamp, then creationTimestamp (estimated);
 *
 * Times read from the object are estimated with {@link estimateFromKubeTime}
 * (the middle of a whole-second timestamp) and never later than the
 * observation.
 * - from a (re)list: creationTimestamp for generation 1; for a later
 *   generation already Ready, the Ready condition's lastTransitionTime (when
 *   that generation was never watched its start is unknown: the attempt is
 *   placed at its Ready time, with no provisioning time, see
 *   {@link startIsKnown});
 *   otherwise the observation time. All estimated.
 *
 * An existing attempt keeps its start: this only seeds new rows.
 */
export function attemptStart(change: ResourceChange): {
  at: number;
  estimated: boolean;
} {
  const observed = change.observedAt.getTime();
  const created = estimateFromKubeTime(
    change.object.metadata.creationTimestamp,
  );
  const generation = change.object.metadata.generation ?? 1;
  if (!change.initial) {
    if (
      generation === 1 &&
      created !== undefined &&
      observed - created >= LATE_OBSERVATION_MS
    ) {
      return { at: created, estimated: true };
    }
    return { at: observed, estimated: false };
  }
  if (generation === 1 && created !== undefined) {
    return { at: Math.min(created, observed), estimated: true };
  }
  if (change.status.state === 'Ready') {
    const ready =
      readyTransitionTime(change.object) ??
      estimateFromKubeTime(change.status.since) ??
      observed;
    return { at: Math.min(ready, observed), estimated: true };
  }
  return { at: observed, estimated: true };
}

function transitionOf(change: ResourceChange): PlannedTransition | undefined {
  const observed = change.observedAt.getTime();
  const since = estimateFromKubeTime(change.status.since);
  switch (change.status.state) {
    case 'Ready':
      if (!change.initial) {
        return { type: 'ready', at: observed, estimated: false, live: true };
      }
      return {
        type: 'ready',
        at: Math.min(
          readyTransitionTime(change.object) ?? since ?? observed,
          observed,
        ),
        estimated: true,
        live: false,
      };
    case 'Failed':
      // A failure counts once the error has lasted the grace period
      // (`platform.provisioning.failureGracePeriod`); it is dated from when
      // the error began, the condition's lastTransitionTime.
      return {
        type: 'failed',
        at: Math.min(since ?? observed, observed),
        reason: change.status.reason,
        message: change.status.message,
      };
    default:
      return undefined;
  }
}

/** The writes a resource change asks for; pure. */
export function planChange(change: ResourceChange): ChangePlan {
  const { metadata } = change.object;
  const annotations = metadata.annotations ?? {};
  const observedAt = change.observedAt.getTime();
  const generation = metadata.generation ?? 1;
  const created = parseTime(metadata.creationTimestamp) ?? observedAt;
  const start = attemptStart(change);
  const common = {
    cluster: change.cluster,
    uid: metadata.uid,
    kind: change.kind.kind,
    namespace: metadata.namespace,
    name: metadata.name,
    tenant: change.tenant,
    generation,
    createdViaPortal:
      annotations[ANNOTATION_CREATED_VIA] === CREATED_VIA_PORTAL,
    requestedBy: annotations[ANNOTATION_REQUESTED_BY],
  };
  const plan: ChangePlan = {
    resource: {
      ...common,
      createdAt: created,
      templateRef: annotations[ANNOTATION_TEMPLATE],
    },
    attempt: { ...common, startedAt: start.at, estimated: start.estimated },
    observedAt,
    live: !change.initial,
  };
  if (change.type === 'deleted') {
    plan.deletedAt = observedAt;
    return plan;
  }
  if (metadata.deletionTimestamp) {
    plan.terminatingAt = Math.min(
      parseTime(metadata.deletionTimestamp) ?? observedAt,
      observedAt,
    );
    return plan;
  }
  plan.transition = transitionOf(change);
  return plan;
}

/**
 * Whether an attempt's start is known, exactly or as an estimate within a
 * second: always, except a later generation first found by a list, whose
 * start is only a stand-in (its Ready time, or when it was listed). Such an
 * attempt has no provisioning time: it would be a made-up figure.
 */
export function startIsKnown(attempt: {
  estimated: boolean;
  generation: number;
}): boolean {
  return !(attempt.estimated && attempt.generation > 1);
}

/**
 * The attempt of a resource first found by a list, as it stands: open, or
 * already Ready (estimated, from the Ready condition) or failed, with the
 * same values the conditional updates would write one after the other.
 */
export function attemptAsFound(plan: ChangePlan): NewAttempt {
  const attempt: NewAttempt = { ...plan.attempt };
  const transition = plan.transition;
  if (transition?.type === 'ready') {
    const readyAt = Math.max(transition.at, attempt.startedAt);
    attempt.readyAt = readyAt;
    if (startIsKnown(plan.attempt)) {
      attempt.durationMs = readyAt - attempt.startedAt;
    }
    if (transition.estimated) attempt.estimated = true;
  } else if (transition?.type === 'failed') {
    attempt.failedAt = Math.max(transition.at, attempt.startedAt);
    attempt.failureReason = transition.reason;
    attempt.failureMessage = transition.message;
  }
  return attempt;
}
