import { parse } from 'yaml';
import type { JsonValue } from '../api/types';
import { toSafeYaml } from './toSafeYaml';

describe('toSafeYaml', () => {
  it.each<[string, JsonValue]>([
    ['a number-like string', '16'],
    ['an octal-like string', '0o17'],
    ['a YAML 1.1 octal', '0777'],
    ['a YAML 1.1 sexagesimal', '1:20'],
    ['YAML 1.1 booleans', ['yes', 'No', 'ON', 'off', 'y', 'N']],
    ['null words', ['null', 'Null', '~', '']],
    ['floats and infinities', ['1e3', '.inf', '-.Inf', '.NaN']],
    ['bare exponents', ['E0', 'e12', 'E1_0']],
    ['a document marker', '---\nkind: Secret'],
    ['a document end', '...'],
    ['a flow mapping', '{ a: 1 }'],
    ['a flow sequence', '[a, b]'],
    ['a block sequence', '- a'],
    ['a mapping', 'a: b'],
    ['a comment', '#not a comment'],
    ['an inline comment', 'a #b'],
    ['an anchor and alias', '&x *x'],
    ['a tag', '!!python/object:os.system'],
    ['a merge key value', '<<'],
    ['a directive', '%YAML 1.1'],
    ['quotes', `"'"'`],
    ['a backslash', 'C:\\temp\\'],
    ['newlines and tabs', 'a\n\tb\r\n'],
    ['NUL and control characters', 'a\u0000b\u0007c\u001b[31m'],
    ['bidi controls', '\u202eevil\u202c \u200f\u200e'],
    ['emoji and astral characters', '😀 𝔘 \u{10ffff}'],
    ['JSON injection', '", "admin": true, "x": "'],
    ['leading and trailing spaces', '  padded  '],
    ['a long line', 'word '.repeat(200)],
    ['a BOM', '\ufeffbom'],
    ['line and paragraph separators', 'a\u2028b\u2029c\u0085d'],
  ])('keeps %s a string', (_label, value) => {
    const manifest = {
      spec: { value, [String(Array.isArray(value) ? value[0] : value)]: 'key' },
    };
    const yaml = toSafeYaml(manifest);
    expect(parse(yaml)).toEqual(manifest);
    expect(parse(yaml, { version: '1.1' })).toEqual(manifest);
  });

  it('writes plain words without quotes, quotes YAML 1.1 words, no anchors', () => {
    const shared = { a: 1 };
    expect(
      toSafeYaml({
        kind: 'Bucket',
        x: shared,
        y: shared,
        z: 'user:default/ada',
      }),
    ).toBe('kind: Bucket\nx:\n  a: 1\n"y":\n  a: 1\nz: "user:default/ada"\n');
  });
});
