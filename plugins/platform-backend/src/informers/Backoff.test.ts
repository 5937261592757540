import { Backoff } from './Backoff';

describe('Backoff', () => {
  it.each<[string, number, number[]]>([
    ['lowest jitter', 0, [500, 1000, 2000, 4000, 8000, 15000, 15000]],
    ['highest jitter', 0.999999, [1000, 2000, 4000, 8000, 16000, 30000, 30000]],
    ['middle jitter', 0.5, [750, 1500, 3000, 6000, 12000, 22500, 22500]],
  ])('grows exponentially up to the cap (%s)', (_name, r, expected) => {
    const backoff = new Backoff({
      initialMs: 1000,
      maxMs: 30000,
      random: () => r,
    });
    expect(expected.map(() => backoff.next())).toEqual(expected);
    expect(backoff.attempts).toBe(7);
  });

  it('starts over after reset', () => {
    const backoff = new Backoff({
      initialMs: 100,
      maxMs: 1000,
      random: () => 0,
    });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });

  it('spreads delays of concurrent retries', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const delays = Array.from({ length: 50 }, () =>
      new Backoff({ initialMs: 1000, maxMs: 30000, random }).next(),
    );
    expect(new Set(delays).size).toBeGreaterThan(40);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
  });
});
