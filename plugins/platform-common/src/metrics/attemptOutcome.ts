import type { AttemptOutcome } from '../api/types';

/** The recorded moments of a provisioning attempt (any time representation). @public */
export interface AttemptMoments<T = string | number> {
  readyAt?: T | null;
  failedAt?: T | null;
  supersededAt?: T | null;
  deletedAt?: T | null;
  stuckAt?: T | null;
}

/**
 * The outcome of an attempt from what was recorded, by precedence:
 * `ready` (first Ready seen, even after a failure) > `failed` > `superseded`
 * (a newer generation started before this one finished) > `deleted` > `stuck`
 * (past its SLO, still open) > `in-progress`.
 * @public
 */
export function attemptOutcome(moments: AttemptMoments): AttemptOutcome {
  const has = (value: unknown) => value !== undefined && value !== null;
  if (has(moments.readyAt)) return 'ready';
  if (has(moments.failedAt)) return 'failed';
  if (has(moments.supersededAt)) return 'superseded';
  if (has(moments.deletedAt)) return 'deleted';
  if (has(moments.stuckAt)) return 'stuck';
  return 'in-progress';
}
