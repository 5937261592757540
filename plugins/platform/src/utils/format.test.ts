import {
  formatAge,
  formatDay,
  formatDuration,
  formatNumber,
  formatPercent,
  formatTimestamp,
} from './format';
import { windowFor } from './window';

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [-1, '—'],
    [Number.NaN, '—'],
    [0, '0 ms'],
    [850, '850 ms'],
    [4_200, '4.2 s'],
    [42_000, '42 s'],
    [60_000, '1 min'],
    [252_000, '4 min 12 s'],
    [3_600_000, '1 h'],
    [11_100_000, '3 h 5 min'],
    [86_400_000 * 2 + 3_600_000 * 4, '2 d 4 h'],
  ])('%p -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [undefined, '—'],
    [0, '0%'],
    [0.031, '3.1%'],
    [0.125, '13%'],
    [1, '100%'],
    [-0.5, '-50%'],
  ])('%p -> %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });
});

describe('formatNumber', () => {
  it.each([
    [undefined, '—'],
    [18204, '18,204'],
    [12.34, '12.3'],
  ])('%p -> %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it.each([
    [undefined, '—'],
    ['not a date', '—'],
    ['2026-03-01T11:59:48Z', '12 s'],
    ['2026-03-01T11:55:00Z', '5 min'],
    ['2026-03-01T09:00:00Z', '3 h'],
    ['2026-02-25T12:00:00Z', '4 d'],
    ['2026-03-01T12:00:05Z', '0 s'],
  ])('%p -> %s', (iso, text) => {
    expect(formatAge(iso, now)).toBe(text);
  });
});

describe('dates', () => {
  it('formats days and timestamps in UTC', () => {
    expect(formatDay('2026-03-04T00:00:00Z')).toBe('Mar 4');
    expect(formatTimestamp('2026-03-04T14:05:00Z')).toBe('Mar 4, 14:05 UTC');
    expect(formatTimestamp(undefined)).toBe('—');
    expect(formatDay('nope')).toBe('nope');
  });
});

describe('windows', () => {
  it('spans the last N days up to now', () => {
    const now = Date.parse('2026-03-31T00:00:00Z');
    expect(windowFor(30, now)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
    });
  });
});
