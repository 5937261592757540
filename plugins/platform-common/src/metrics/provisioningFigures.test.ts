import {
  failureRate,
  figuresFrom,
  provisioningFigures,
} from './provisioningFigures';

describe('failureRate', () => {
  it.each([
    [0, 0, 0],
    [3, 1, 0.25],
    [0, 2, 1],
    [5, 0, 0],
  ])('ready %i failed %i -> %d', (ready, failed, rate) => {
    expect(failureRate(ready, failed)).toBe(rate);
  });
});

describe('provisioningFigures', () => {
  it.each([
    {
      name: 'nothing',
      attempts: [],
      expected: {
        attempts: 0,
        ready: 0,
        failed: 0,
        inFlight: 0,
        stuck: 0,
        failureRate: 0,
      },
    },
    {
      name: 'estimated durations count in percentiles like observed ones',
      attempts: [
        { outcome: 'ready', durationMs: 1000, estimated: false },
        { outcome: 'ready', durationMs: 9000, estimated: true },
        { outcome: 'ready', durationMs: 3000, estimated: false },
      ],
      expected: {
        attempts: 3,
        ready: 3,
        failed: 0,
        inFlight: 0,
        stuck: 0,
        failureRate: 0,
        p50Ms: 3000,
        p90Ms: 9000,
        p95Ms: 9000,
        maxMs: 9000,
      },
    },
    {
      name: 'every outcome',
      attempts: [
        { outcome: 'ready', durationMs: 2000, estimated: false },
        { outcome: 'failed', estimated: false },
        { outcome: 'in-progress', estimated: false },
        { outcome: 'stuck', estimated: false },
        { outcome: 'deleted', estimated: false },
        { outcome: 'superseded', estimated: false },
      ],
      expected: {
        attempts: 6,
        ready: 1,
        failed: 1,
        inFlight: 1,
        stuck: 1,
        failureRate: 0.5,
        p50Ms: 2000,
        p90Ms: 2000,
        p95Ms: 2000,
        maxMs: 2000,
      },
    },
  ] as const)('$name', ({ attempts, expected }) => {
    expect(provisioningFigures(attempts)).toEqual(expected);
  });

  it('agrees with figuresFrom on the same data', () => {
    const durations = [5, 1, 4, 2, 3];
    expect(
      provisioningFigures(
        durations.map(durationMs => ({
          outcome: 'ready',
          durationMs,
          estimated: false,
        })),
      ),
    ).toEqual(
      figuresFrom(
        { attempts: 5, ready: 5, failed: 0, inFlight: 0, stuck: 0 },
        durations,
      ),
    );
  });
});
