import { InputError } from '@backstage/errors';
import {
  DAY_MS,
  type WindowMs,
} from '@fractal/backstage-plugin-platform-common';

/** Default window: the last 30 days. */
export const DEFAULT_WINDOW_MS = 30 * DAY_MS;
/** Longest window the metrics routes accept. */
export const MAX_WINDOW_MS = 400 * DAY_MS;

/**
 * The half-open window [from, to) of a request: `to` defaults to now, `from`
 * to 30 days before `to`.
 */
export function parseWindow(
  input: { from?: number; to?: number },
  now: number,
  maxMs: number = MAX_WINDOW_MS,
): WindowMs {
  const to = input.to ?? now;
  const from = input.from ?? to - DEFAULT_WINDOW_MS;
  if (!(from < to)) {
    throw new InputError(`Invalid query parameter 'from': must be before 'to'`);
  }
  if (to - from > maxMs) {
    throw new InputError(
      `Invalid query parameter 'from': the window may span at most ${Math.round(
        maxMs / DAY_MS,
      )} days`,
    );
  }
  return { from, to };
}
