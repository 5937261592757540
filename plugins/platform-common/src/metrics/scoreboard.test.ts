import { adoptionRate, portalShare } from './adoption';
import {
  minutesSavedFor,
  scoreFigure,
  templateSuccessRate,
  toilHours,
} from './scoreboard';

describe('scoreFigure', () => {
  it.each([
    [undefined, undefined, {}],
    [10, undefined, { current: 10 }],
    [undefined, 10, { previous: 10 }],
    [10, 0, { current: 10, previous: 0 }],
    [15, 10, { current: 15, previous: 10, change: 0.5 }],
    [5, 10, { current: 5, previous: 10, change: -0.5 }],
    [0, 4, { current: 0, previous: 4, change: -1 }],
  ])('current %p previous %p', (current, previous, expected) => {
    expect(scoreFigure(current, previous)).toEqual(expected);
  });
});

describe('toilHours', () => {
  const minutes = {
    default: 120,
    byKind: { PostgreSQLInstance: 240, Bucket: 0 },
  };
  it.each([
    [{}, 0],
    [{ Cache: 1 }, 2],
    [{ PostgreSQLInstance: 3 }, 12],
    [{ Bucket: 50 }, 0],
    [{ Cache: 2, PostgreSQLInstance: 1, Bucket: 9 }, 8],
  ])('%j -> %d hours', (counts, hours) => {
    expect(toilHours(counts, minutes)).toBe(hours);
  });

  it('uses the default for kinds not listed, even inherited names', () => {
    expect(minutesSavedFor('toString', minutes)).toBe(120);
  });
});

describe('rates', () => {
  it.each([
    [0, 0, 0],
    [1, 4, 0.25],
    [5, 5, 1],
  ])('adoptionRate(%i, %i) = %d', (adopting, total, rate) => {
    expect(adoptionRate(adopting, total)).toBe(rate);
  });

  it.each([
    [0, 0, 0],
    [3, 4, 0.75],
  ])('portalShare(%i, %i) = %d', (via, total, share) => {
    expect(portalShare(via, total)).toBe(share);
  });

  it.each([
    [0, 0, undefined],
    [9, 1, 0.9],
    [0, 3, 0],
  ])('templateSuccessRate(%i, %i) = %p', (ok, failed, rate) => {
    expect(templateSuccessRate(ok, failed)).toBe(rate);
  });
});
