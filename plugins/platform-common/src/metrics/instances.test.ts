import {
  existsAt,
  instancesAfter,
  instancesAtBucketEnds,
  sortedRecord,
  sumValues,
} from './instances';

describe('existsAt', () => {
  it.each([
    [{ createdAt: 10 }, 10, false],
    [{ createdAt: 10 }, 11, true],
    [{ createdAt: 10, deletedAt: 20 }, 20, true],
    [{ createdAt: 10, deletedAt: 20 }, 21, false],
    [{ createdAt: 10, deletedAt: 10 }, 10, false],
  ])('%j at %i: %p', (lifetime, t, exists) => {
    expect(existsAt(lifetime, t)).toBe(exists);
  });
});

describe('instancesAtBucketEnds', () => {
  it('adds creations and removes deletions bucket by bucket', () => {
    const buckets = [
      { index: 1, start: 0, end: 10 },
      { index: 2, start: 10, end: 20 },
      { index: 3, start: 20, end: 25 },
    ];
    const result = instancesAtBucketEnds(
      new Map([['Bucket', 2]]),
      [
        { bucket: 1, key: 'Cache', created: 1, deleted: 0 },
        { bucket: 2, key: 'Bucket', created: 0, deleted: 2 },
        { bucket: 3, key: 'Bucket', created: 3, deleted: 1 },
      ],
      buckets,
    );
    expect(result.map(m => sortedRecord(m))).toEqual([
      { Bucket: 2, Cache: 1 },
      { Cache: 1 },
      { Bucket: 2, Cache: 1 },
    ]);
    expect(result.map(sumValues)).toEqual([3, 1, 3]);
  });

  it('ends where instancesAfter ends', () => {
    const base = new Map([['a', 1]]);
    const deltas = [
      { bucket: 7, key: 'a', created: 2, deleted: 1 },
      { bucket: 8, key: 'b', created: 1, deleted: 0 },
    ];
    const series = instancesAtBucketEnds(base, deltas, [
      { index: 7, start: 0, end: 1 },
      { index: 8, start: 1, end: 2 },
    ]);
    expect(series[1]).toEqual(instancesAfter(base, deltas));
  });
});
