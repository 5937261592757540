import type { ScoreFigure } from '../api/types';

/**
 * A figure with its previous value and the relative change
 * `(current - previous) / previous`, undefined when either is unknown or the
 * previous value is 0.
 * @public
 */
export function scoreFigure(current?: number, previous?: number): ScoreFigure {
  const figure: ScoreFigure = {};
  if (current !== undefined) figure.current = current;
  if (previous !== undefined) figure.previous = previous;
  if (current !== undefined && previous !== undefined && previous !== 0) {
    figure.change = (current - previous) / previous;
  }
  return figure;
}

/** Minutes of manual work one provisioning saves, by kind, with a default. @public */
export interface MinutesSaved {
  default: number;
  byKind: Readonly<Record<string, number>>;
}

/** Minutes saved by one provisioning of `kind`. @public */
export function minutesSavedFor(kind: string, minutes: MinutesSaved): number {
  return Object.prototype.hasOwnProperty.call(minutes.byKind, kind)
    ? minutes.byKind[kind]
    : minutes.default;
}

/**
 * Toil hours eliminated: attempts that reached Ready through the portal,
 * times the minutes of manual work each kind saves, in hours.
 * @public
 */
export function toilHours(
  readyViaPortalByKind: Readonly<Record<string, number>>,
  minutes: MinutesSaved,
): number {
  let total = 0;
  for (const [kind, count] of Object.entries(readyViaPortalByKind)) {
    total += count * minutesSavedFor(kind, minutes);
  }
  return total / 60;
}

/**
 * Template success rate: succeeded / (succeeded + failed) template runs;
 * undefined when there were none.
 * @public
 */
export function templateSuccessRate(
  succeeded: number,
  failed: number,
): number | undefined {
  const total = succeeded + failed;
  return total === 0 ? undefined : succeeded / total;
}
