import fc from 'fast-check';
import {
  concatNumbers,
  durationPercentiles,
  nearestRank,
  percentileOf,
  percentileOfSorted,
} from './percentile';

describe('nearestRank', () => {
  it.each([
    // p, n, rank = ceil(p * n / 100)
    [50, 1, 1],
    [50, 2, 1],
    [50, 3, 2],
    [50, 4, 2],
    [90, 10, 9],
    [90, 11, 10],
    [95, 20, 19],
    [95, 21, 20],
    [100, 7, 7],
    [1, 100, 1],
    [1, 101, 2],
    [50, 0, 0],
  ])('p%i of %i values is rank %i', (p, n, rank) => {
    expect(nearestRank(p, n)).toBe(rank);
  });

  it.each([[0], [101], [50.5], [-1]])('rejects percentile %p', p => {
    expect(() => nearestRank(p, 10)).toThrow(RangeError);
  });
});

describe('percentileOfSorted', () => {
  const sorted = [15, 20, 35, 40, 50];
  it.each([
    [5, 15],
    [30, 20],
    [40, 20],
    [50, 35],
    [100, 50],
  ])('p%i is %i (the textbook nearest-rank example)', (p, value) => {
    expect(percentileOfSorted(sorted, p)).toBe(value);
  });

  it('is undefined without values', () => {
    expect(percentileOfSorted([], 50)).toBeUndefined();
  });
});

describe('durationPercentiles', () => {
  it.each([
    [[], {}],
    [[7], { p50Ms: 7, p90Ms: 7, p95Ms: 7, maxMs: 7 }],
    [[3, 1, 2], { p50Ms: 2, p90Ms: 3, p95Ms: 3, maxMs: 3 }],
    [
      Array.from({ length: 100 }, (_, i) => 100 - i),
      { p50Ms: 50, p90Ms: 90, p95Ms: 95, maxMs: 100 },
    ],
    [
      Array.from({ length: 20 }, (_, i) => (i + 1) * 1000),
      { p50Ms: 10000, p90Ms: 18000, p95Ms: 19000, maxMs: 20000 },
    ],
  ])('of %j', (values, expected) => {
    expect(durationPercentiles(values)).toEqual(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    durationPercentiles(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('selection without sorting', () => {
  const sortedCopy = (values: number[]) => [...values].sort((a, b) => a - b);

  it('gives the same percentiles as sorting, duplicates and all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const sorted = sortedCopy(values);
          expect(percentileOf(values, p)).toBe(percentileOfSorted(sorted, p));
          expect(durationPercentiles(values)).toEqual({
            p50Ms: percentileOfSorted(sorted, 50),
            p90Ms: percentileOfSorted(sorted, 90),
            p95Ms: percentileOfSorted(sorted, 95),
            maxMs: sorted[sorted.length - 1],
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['ascending', Array.from({ length: 5000 }, (_, i) => i)],
    ['descending', Array.from({ length: 5000 }, (_, i) => 5000 - i)],
    ['all equal', Array.from({ length: 5000 }, () => 7)],
    [
      'organ pipe',
      Array.from({ length: 5000 }, (_, i) => Math.min(i, 5000 - i)),
    ],
  ])('handles %s input', (_name, values) => {
    const sorted = sortedCopy(values);
    expect(durationPercentiles(values).p95Ms).toBe(
      percentileOfSorted(sorted, 95),
    );
  });

  it('concatenates lists', () => {
    expect([...concatNumbers([[3, 1], [], new Float64Array([2])])]).toEqual([
      3, 1, 2,
    ]);
  });
});
