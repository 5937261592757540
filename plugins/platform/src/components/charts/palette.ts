/**
 * A colour-blind safe categorical palette (Okabe & Ito), for chart series.
 * Charts never rely on colour alone: every series has a legend label and the
 * data is available as a table.
 */
export const SERIES_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8C8C8C',
];

/** The colour of the `index`-th series. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}
