import { Random } from '../util/random';
import { parseDelaySpec, planAttempt, sampleDelay } from './timing';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('delay distributions', () => {
  it.each([
    [50, 50],
    [{ distribution: 'fixed', ms: 75 }, 75],
  ] as const)('samples %j as a fixed delay', (spec, expected) => {
    expect(sampleDelay(parseDelaySpec(spec, 'd'), new Random(1))).toBe(
      expected,
    );
  });

  it('samples uniform delays inside their bounds', () => {
    const random = new Random(2);
    const spec = parseDelaySpec(
      { distribution: 'uniform', minMs: 10, maxMs: 20 },
      'd',
    );
    const values = Array.from({ length: 500 }, () => sampleDelay(spec, random));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...values)).toBeLessThanOrEqual(20);
  });

  it('samples lognormal delays around their median and 95th percentile', () => {
    const random = new Random(3);
    const spec = parseDelaySpec(
      { distribution: 'lognormal', medianMs: 1000, p95Ms: 3000 },
      'd',
    );
    const values = Array.from({ length: 4000 }, () =>
      sampleDelay(spec, random),
    ).sort((a, b) => a - b);
    expect(median(values)).toBeGreaterThan(900);
    expect(median(values)).toBeLessThan(1100);
    const p95 = values[Math.floor(values.length * 0.95)];
    expect(p95).toBeGreaterThan(2500);
    expect(p95).toBeLessThan(3500);
  });

  it('plans outcomes in the configured shares', () => {
    const random = new Random(4);
    const timing = {
      delays: { default: 10 },
      deletionDelay: 10,
      failureRate: 0.2,
      stuckRate: 0.1,
    };
    const outcomes = Array.from(
      { length: 2000 },
      () => planAttempt(timing, 'Bucket', random).outcome,
    );
    const share = (o: string) =>
      outcomes.filter(x => x === o).length / outcomes.length;
    expect(share('failed')).toBeCloseTo(0.2, 1);
    expect(share('stuck')).toBeCloseTo(0.1, 1);
  });

  it.each([
    { distribution: 'uniform', minMs: 5, maxMs: 1 },
    { distribution: 'lognormal', medianMs: 5, p95Ms: 1 },
    'soon',
    -5,
  ])('rejects %j', spec => {
    expect(() => parseDelaySpec(spec, 'd')).toThrow();
  });
});
