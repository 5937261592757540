import { parseDuration, parseInput } from './parseInput';

describe('parseDuration', () => {
  it.each<[string | number, number]>([
    ['500ms', 500],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1.5m', 90_000],
    [30, 30_000],
  ])('reads %s', (value, ms) => {
    expect(parseDuration('timeout', value)).toBe(ms);
  });

  it.each<[string | number, string]>([
    ['soon', "timeout: 'soon' is not a duration"],
    ['10', "timeout: '10' is not a duration"],
    ['0s', 'timeout: must be longer than 0'],
    [0, 'timeout: must be a positive number of seconds'],
    [-1, 'timeout: must be a positive number of seconds'],
  ])('refuses %s', (value, message) => {
    expect(() => parseDuration('timeout', value)).toThrow(message);
  });
});

describe('parseInput', () => {
  const schema = (z: Parameters<Parameters<typeof parseInput>[0]>[0]) =>
    z.object({ name: z.string(), size: z.number().max(10).optional() });

  it('returns the parsed input', () => {
    expect(parseInput(schema, { name: 'a', size: 3 })).toEqual({
      name: 'a',
      size: 3,
    });
  });

  it('names every invalid field in an InputError', () => {
    expect(() => parseInput(schema, { name: 3, size: 11 })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message:
          'Invalid input: name: Expected string, received number; size: Number must be less than or equal to 10',
      }),
    );
  });

  it('treats empty top-level inputs as absent, as unset form fields render', () => {
    expect(parseInput(schema, { name: 'a', size: '' })).toEqual({ name: 'a' });
    expect(() => parseInput(schema, { name: '' })).toThrow(
      'Invalid input: name: Required',
    );
  });
});
