import { optionalNumber, parseNumberList, toBoolean } from './dbValues';

describe('database values', () => {
  it.each([
    [null, []],
    ['', []],
    ['42', [42]],
    ['1,20,300', [1, 20, 300]],
    ['0,0', [0, 0]],
    ['86400000000', [86400000000]],
  ])('parses the list %p', (text, numbers) => {
    expect([...parseNumberList(text)]).toEqual(numbers);
  });

  it('refuses anything but whole numbers', () => {
    expect(() => parseNumberList('1,-2')).toThrow(TypeError);
  });

  it.each([
    ['12', 12],
    [7, 7],
    [null, undefined],
  ])('reads %p as %p', (value, number) => {
    expect(optionalNumber(value)).toBe(number);
  });

  it.each([
    [true, true],
    [1, true],
    [false, false],
    [0, false],
  ])('reads the boolean %p', (value, bool) => {
    expect(toBoolean(value)).toBe(bool);
  });
});
