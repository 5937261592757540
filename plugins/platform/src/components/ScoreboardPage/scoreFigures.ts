import type {
  ScoreFigure,
  Scoreboard,
} from '@fractal/backstage-plugin-platform-common';
import {
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../utils/format';

/** One of the four product figures of the scoreboard. */
export interface ScoreFigureSpec {
  key: keyof Pick<
    Scoreboard,
    | 'provisioningTimeP50Ms'
    | 'adoptionRate'
    | 'templateSuccessRate'
    | 'toilHoursEliminated'
  >;
  label: string;
  description: string;
  format: (value: number | undefined) => string;
  /** Which direction is an improvement. */
  better: 'lower' | 'higher';
}

/** The product scoreboard: what the platform team is measured on. */
export const SCORE_FIGURES: ScoreFigureSpec[] = [
  {
    key: 'provisioningTimeP50Ms',
    label: 'Provisioning time (p50)',
    description: 'Median time from request to Ready',
    format: formatDuration,
    better: 'lower',
  },
  {
    key: 'adoptionRate',
    label: 'Adoption rate',
    description: 'Teams with at least one platform resource',
    format: formatPercent,
    better: 'higher',
  },
  {
    key: 'templateSuccessRate',
    label: 'Template success rate',
    description: 'Portal requests that became Ready',
    format: formatPercent,
    better: 'higher',
  },
  {
    key: 'toilHoursEliminated',
    label: 'Toil eliminated',
    description: 'Hours of manual provisioning saved',
    format: v => (v === undefined ? formatNumber(v) : `${formatNumber(v)} h`),
    better: 'higher',
  },
];

/** How a figure moved against the previous period. */
export interface ChangeDescription {
  /** Short visible text, e.g. `−12% vs previous 30 days`. */
  text: string;
  direction: 'up' | 'down' | 'flat' | 'unknown';
  /** Whether the move is an improvement. */
  tone: 'good' | 'bad' | 'neutral';
  /** Full sentence for assistive technology. */
  label: string;
}

/** Describes a figure's change vs the previous period of `days` days. */
export function describeChange(
  figure: ScoreFigure,
  better: 'lower' | 'higher',
  days: number,
): ChangeDescription {
  const period = `previous ${days} days`;
  if (figure.change === undefined || !Number.isFinite(figure.change)) {
    return {
      text: `no comparison with the ${period}`,
      direction: 'unknown',
      tone: 'neutral',
      label: `No comparison with the ${period}.`,
    };
  }
  const percent = Math.round(Math.abs(figure.change) * 100);
  if (percent === 0) {
    return {
      text: `unchanged vs ${period}`,
      direction: 'flat',
      tone: 'neutral',
      label: `Unchanged compared with the ${period}.`,
    };
  }
  const direction = figure.change > 0 ? 'up' : 'down';
  const improved =
    (direction === 'down' && better === 'lower') ||
    (direction === 'up' && better === 'higher');
  const sign = direction === 'up' ? '+' : '−';
  return {
    text: `${sign}${percent}% vs ${period}`,
    direction,
    tone: improved ? 'good' : 'bad',
    label: `${
      direction === 'up' ? 'Up' : 'Down'
    } ${percent}% compared with the ${period}, ${
      improved ? 'an improvement' : 'a regression'
    }.`,
  };
}
