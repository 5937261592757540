import {
  bucketIndex,
  bucketStart,
  DAY_MS,
  previousWindow,
  windowBuckets,
} from './trendBuckets';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

describe('bucketStart', () => {
  it.each([
    ['2025-03-12T15:04:05.678Z', 'day', '2025-03-12T00:00:00.000Z'],
    ['2025-03-12T00:00:00.000Z', 'day', '2025-03-12T00:00:00.000Z'],
    ['2025-03-12T15:04:05.678Z', 'week', '2025-03-10T00:00:00.000Z'], // Wednesday -> Monday
    ['2025-03-10T00:00:00.000Z', 'week', '2025-03-10T00:00:00.000Z'], // Monday
    ['2025-03-16T23:59:59.999Z', 'week', '2025-03-10T00:00:00.000Z'], // Sunday
    ['1970-01-01T00:00:00.000Z', 'week', '1969-12-29T00:00:00.000Z'],
    ['2024-12-31T12:00:00.000Z', 'week', '2024-12-30T00:00:00.000Z'],
  ] as const)('%s by %s starts %s', (at, unit, start) => {
    expect(iso(bucketStart(ms(at), unit))).toBe(start);
  });

  it('numbers days and weeks like integer division in SQL', () => {
    const t = ms('2025-03-12T15:04:05.678Z');
    expect(bucketIndex(t, 'day')).toBe(Math.trunc(t / DAY_MS));
    expect(bucketIndex(t, 'week')).toBe(
      Math.trunc((t + 3 * DAY_MS) / (7 * DAY_MS)),
    );
  });
});

describe('windowBuckets', () => {
  it.each([
    {
      from: '2025-03-01T12:00:00Z',
      to: '2025-03-03T00:00:00Z',
      unit: 'day',
      starts: ['2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z'],
      lastEnd: '2025-03-03T00:00:00.000Z',
    },
    {
      from: '2025-03-01T00:00:00Z',
      to: '2025-03-03T06:00:00Z',
      unit: 'day',
      starts: [
        '2025-03-01T00:00:00.000Z',
        '2025-03-02T00:00:00.000Z',
        '2025-03-03T00:00:00.000Z',
      ],
      lastEnd: '2025-03-03T06:00:00.000Z',
    },
    {
      from: '2025-03-05T00:00:00Z',
      to: '2025-03-18T00:00:00Z',
      unit: 'week',
      starts: [
        '2025-03-03T00:00:00.000Z',
        '2025-03-10T00:00:00.000Z',
        '2025-03-17T00:00:00.000Z',
      ],
      lastEnd: '2025-03-18T00:00:00.000Z',
    },
    {
      from: '2025-03-05T00:00:00Z',
      to: '2025-03-05T00:00:00Z',
      unit: 'day',
      starts: [],
      lastEnd: undefined,
    },
  ] as const)('$from..$to by $unit', ({ from, to, unit, starts, lastEnd }) => {
    const buckets = windowBuckets({ from: ms(from), to: ms(to) }, unit);
    expect(buckets.map(b => iso(b.start))).toEqual(starts);
    const last = buckets[buckets.length - 1];
    expect(last && iso(last.end)).toBe(lastEnd);
  });
});

describe('previousWindow', () => {
  it('is the period of the same length before', () => {
    expect(previousWindow({ from: 100, to: 160 })).toEqual({
      from: 40,
      to: 100,
    });
  });
});
