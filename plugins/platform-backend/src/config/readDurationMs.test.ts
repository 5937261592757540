import { ConfigReader } from '@backstage/config';
import { readDurationMs, readOptionalDurationMs } from './readDurationMs';

describe('readDurationMs', () => {
  it.each([
    ['a duration string', '10m', 600_000],
    ['an ISO 8601 duration', 'PT15S', 15_000],
    ['a HumanDuration object', { minutes: 2 }, 120_000],
  ])('reads %s', (_case, value, expected) => {
    const config = new ConfigReader({ grace: value });
    expect(readDurationMs(config, 'grace')).toBe(expected);
  });

  it.each([
    ['malformed', 'soon', /Invalid duration at 'platform.x.grace'.*e\.g\. '10m'/],
    ['zero', '0s', /'platform.x.grace': must be greater than zero/],
    ['negative', { minutes: -1 }, /'platform.x.grace': must be greater than zero/],
  ])('refuses a %s duration, naming the key', (_case, value, message) => {
    const config = new ConfigReader({ grace: value });
    expect(() =>
      readDurationMs(config, 'grace', { path: 'platform.x.grace' }),
    ).toThrow(message);
  });

  it('accepts zero only when allowed, and never a negative duration', () => {
    const zero = new ConfigReader({ grace: { seconds: 0 } });
    expect(readDurationMs(zero, 'grace', { allowZero: true })).toBe(0);
    const negative = new ConfigReader({ grace: { seconds: -5 } });
    expect(() =>
      readDurationMs(negative, 'grace', { allowZero: true }),
    ).toThrow("Invalid duration at 'grace': must be zero or more");
  });

  it('falls back only when the key is absent', () => {
    expect(readOptionalDurationMs(new ConfigReader({}), 'grace', 42)).toBe(42);
    expect(() =>
      readOptionalDurationMs(new ConfigReader({ grace: 'x' }), 'grace', 42),
    ).toThrow(/Invalid duration at 'grace'/);
  });
});
