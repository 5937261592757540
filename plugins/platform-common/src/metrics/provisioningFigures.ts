import type { AttemptOutcome, ProvisioningFigures } from '../api/types';
import { durationPercentiles } from './percentile';

/** Counts of attempts by outcome, the part of the figures that adds up. @public */
export interface OutcomeCounts {
  attempts: number;
  ready: number;
  failed: number;
  inFlight: number;
  stuck: number;
}

/** @public */
export function emptyOutcomeCounts(): OutcomeCounts {
  return { attempts: 0, ready: 0, failed: 0, inFlight: 0, stuck: 0 };
}

/** Adds `more` into `into` and returns `into`. @public */
export function addOutcomeCounts(
  into: OutcomeCounts,
  more: OutcomeCounts,
): OutcomeCounts {
  into.attempts += more.attempts;
  into.ready += more.ready;
  into.failed += more.failed;
  into.inFlight += more.inFlight;
  into.stuck += more.stuck;
  return into;
}

/** failed / (ready + failed); 0 when nothing finished. @public */
export function failureRate(ready: number, failed: number): number {
  const finished = ready + failed;
  return finished === 0 ? 0 : failed / finished;
}

/**
 * The figures of one group of attempts from its counts and the provisioning
 * times (ms) of its Ready attempts.
 * @public
 */
export function figuresFrom(
  counts: OutcomeCounts,
  durationsMs: ArrayLike<number>,
): ProvisioningFigures {
  return {
    ...counts,
    failureRate: failureRate(counts.ready, counts.failed),
    ...durationPercentiles(durationsMs),
  };
}

/** What the reference computation needs of one attempt. @public */
export interface AttemptFacts {
  outcome: AttemptOutcome;
  durationMs?: number;
  estimated: boolean;
}

/**
 * The figures of a list of raw attempts, counted one by one: the reference
 * definition the database queries are tested against. `superseded` and
 * `deleted` attempts count as attempts only; percentiles use every Ready
 * attempt's provisioning time, estimated ones included (a resource found
 * already Ready: from its creationTimestamp to its Ready condition's
 * lastTransitionTime, within a second).
 * @public
 */
export function provisioningFigures(
  attempts: ReadonlyArray<AttemptFacts>,
): ProvisioningFigures {
  const counts = emptyOutcomeCounts();
  const durations: number[] = [];
  for (const attempt of attempts) {
    counts.attempts += 1;
    switch (attempt.outcome) {
      case 'ready':
        counts.ready += 1;
        if (attempt.durationMs !== undefined) {
          durations.push(attempt.durationMs);
        }
        break;
      case 'failed':
        counts.failed += 1;
        break;
      case 'in-progress':
        counts.inFlight += 1;
        break;
      case 'stuck':
        counts.stuck += 1;
        break;
      default:
        break;
    }
  }
  return figuresFrom(counts, durations);
}
