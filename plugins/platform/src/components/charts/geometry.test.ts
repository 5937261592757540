import {
  isolatedPoints,
  linePath,
  niceDurationMax,
  maxOf,
  niceMax,
  scaleX,
  scaleY,
  stackSegments,
} from './geometry';

const box = { left: 0, right: 100, top: 0, bottom: 50 };

describe('chart geometry', () => {
  it.each([
    [0, 10, 50],
    [10, 10, 0],
    [5, 10, 25],
    [20, 10, 0],
    [-1, 10, 50],
    [3, 0, 50],
  ])('scaleY(%p, max %p) = %p', (value, max, y) => {
    expect(scaleY(value, max, 0, 50)).toBe(y);
  });

  it.each([
    [0, 5, 0],
    [4, 5, 100],
    [2, 5, 50],
    [0, 1, 50],
  ])('scaleX(%p of %p) = %p', (index, count, x) => {
    expect(scaleX(index, count, 0, 100)).toBe(x);
  });

  it.each([
    [0, 1],
    [-3, 1],
    [Number.NaN, 1],
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [42, 50],
    [180_000, 200_000],
  ])('niceMax(%p) = %p', (max, nice) => {
    expect(niceMax(max)).toBe(nice);
  });

  it.each([
    ['all defined', [0, 5, 10], 'M0 50 L50 25 L100 0'],
    ['a gap starts a new sub-path', [10, undefined, 10], 'M0 0 M100 0'],
    ['leading gap', [undefined, 0, 10], 'M50 50 L100 0'],
    ['nothing defined', [undefined, undefined], ''],
    ['empty', [], ''],
  ])('linePath: %s', (_name, values, path) => {
    expect(linePath(values, box, 10)).toBe(path);
  });

  it('maxOf ignores gaps and non-finite values', () => {
    expect(maxOf([1, undefined, 7, Number.NaN, 3])).toBe(7);
    expect(maxOf([])).toBe(0);
  });

  it('stackSegments splits a bar in proportion', () => {
    expect(stackSegments([1, 3, 0], 4, 100)).toEqual([
      [0, 25],
      [25, 75],
      [100, 0],
    ]);
    expect(stackSegments([1, 2], 0, 100)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it.each([
    [
      [1, undefined, 3, 4, undefined, 6],
      [0, 5],
    ],
    [[undefined, 2, undefined], [1]],
    [[1, 2], []],
    [[], []],
  ])('isolatedPoints(%p) = %p', (values, indexes) => {
    expect(isolatedPoints(values)).toEqual(indexes);
  });

  it.each([
    [0, 60_000],
    [850, 1_000],
    [42_000, 50_000],
    [1_070_000, 1_200_000],
    [3_000_000, 3_000_000],
    [3_500_000, 3_600_000],
    [3_700_000, 7_200_000],
  ])('niceDurationMax(%p) = %p', (ms, max) => {
    expect(niceDurationMax(ms)).toBe(max);
  });
});
