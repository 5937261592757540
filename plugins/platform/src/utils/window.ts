import type { MetricsWindow } from '@fractal/backstage-plugin-platform-common';

/** The windows the scoreboard offers, in days. */
export const WINDOW_DAYS = [7, 30, 90] as const;

/** One of {@link WINDOW_DAYS}. */
export type WindowDays = (typeof WINDOW_DAYS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window of the last `days` days ending at `now`, half-open [from, to). */
export function windowFor(days: number, now: number): MetricsWindow {
  return {
    from: new Date(now - days * DAY_MS).toISOString(),
    to: new Date(now).toISOString(),
  };
}
