import fc from 'fast-check';
import type { JsonObject } from '../../api/types';

/** Strings that have broken parsers, paths, YAML and templating before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '../',
  '../../etc/passwd',
  '..\\..\\windows',
  '/',
  '.',
  '..',
  './x',
  'a/b',
  'a.b.c',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'yes',
  'No',
  'on',
  'y',
  '16',
  '0o17',
  '0777',
  '1:20',
  '1e3',
  '.inf',
  '~',
  'null',
  'true',
  '- x',
  '? x',
  ': x',
  '{"a":1}',
  '[1,2]',
  '", "admin": true, "x": "',
  '"; kind: Secret',
  '---\nkind: Secret\nmetadata:\n  name: x\n',
  '...',
  '%YAML 1.1',
  '!!binary aGVsbG8=',
  '!!python/object/apply:os.system ["id"]',
  '&a [*a, *a]',
  '<<: *base',
  '#comment',
  'a #b',
  '${{ secrets.TOKEN }}',
  '{{ .Values.x }}',
  '$(rm -rf /)',
  '`id`',
  '\n',
  '\r\n',
  '\t',
  'a\u0000b',
  '\u0000',
  '\u0007\u001b[31mred',
  '\u202eevil\u202c',
  '\u200f\u200e\u2066\u2069',
  '\u2028\u2029\u0085',
  '\ufeffbom',
  '😀',
  '👩‍👩‍👧‍👦',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'é',
  'e\u0301',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\ude00b',
  'tenant-checkout',
  'kube-system',
  'checkout',
  'fractal.dev/tenant',
  'group:default/checkout',
  'x'.repeat(64),
  'x'.repeat(254),
];

const HUGE_STRINGS = [
  'x'.repeat(50_000),
  'é'.repeat(30_000),
  '😀'.repeat(20_000),
];

/** Strings of every kind: nasty constants, random text, lone surrogates. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(
        '\ud800',
        '\udc00',
        '\u0000',
        '\u202e',
        '😀',
        '/',
        '.',
        ':',
        ' ',
        '"',
        "'",
        '\n',
        'a',
        '-',
      ),
      maxLength: 12,
    }),
    weight: 2,
  },
);

/** Now and then a huge string (tens of thousands of characters). */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(
  ...HUGE_STRINGS,
);

/** Values of the wrong type, and values that are not JSON at all. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: hugeString, weight: 1 },
  fc.anything({
    maxDepth: 2,
    maxKeys: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    key: nastyString,
  }),
  fc.constantFrom<unknown>(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53,
    1e308,
    -1,
    0,
    undefined,
    null,
    true,
    [],
    {},
  ),
  fc.func(fc.constant(1)),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
);

/** Plausible values for string fields with a pattern, by path (array items as `[]`). */
export type Examples = Record<string, readonly unknown[]>;

/** Assigns like JSON.parse does, so `__proto__` becomes an own key. */
function defineOwn(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Values for a structural schema: mostly plausible (valid for the schema, so
 * many inputs compile), sometimes wrong (`wrongValue`), and objects now and
 * then carry an extra key with a nasty name.
 */
export function valueFor(
  schema: JsonObject,
  examples: Examples,
  path = '',
  wrongWeight = 1,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: plausible(schema, examples, path, wrongWeight), weight: 14 },
    { arbitrary: wrongValue, weight: wrongWeight },
  );
}

function plausible(
  schema: JsonObject,
  examples: Examples,
  path: string,
  wrongWeight: number,
): fc.Arbitrary<unknown> {
  const given = examples[path];
  if (given) return fc.constantFrom(...given);
  if (schema['x-kubernetes-int-or-string'] === true)
    return fc.oneof(fc.nat(64), fc.constantFrom('1', '2'));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
  switch (schema.type) {
    case 'integer':
      if (typeof schema.multipleOf === 'number') {
        const step = schema.multipleOf;
        return fc
          .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
          .map(n => n * step);
      }
      return fc.integer({ min, max });
    case 'number':
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.string({
        maxLength: Math.min(
          typeof schema.maxLength === 'number' ? schema.maxLength : 20,
          20,
        ),
      });
    case 'array': {
      const items = valueFor(
        schema.items as JsonObject,
        examples,
        `${path}[]`,
        wrongWeight,
      );
      const maxLength = Math.min(
        typeof schema.maxItems === 'number' ? schema.maxItems : 4,
        4,
      );
      return schema['x-kubernetes-list-type'] === 'set'
        ? fc.uniqueArray(items, { maxLength, selector: v => fc.stringify(v) })
        : fc.array(items, { maxLength });
    }
    case 'object': {
      let base: fc.Arbitrary<Record<string, unknown>>;
      if (schema.properties) {
        const properties = schema.properties as JsonObject;
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const key of Object.keys(properties)) {
          model[key] = valueFor(
            properties[key] as JsonObject,
            examples,
            `${path}.${key}`,
            wrongWeight,
          );
        }
        base = fc.record(model, {
          requiredKeys: Array.isArray(schema.required)
            ? (schema.required as string[])
            : [],
        });
      } else if (typeof schema.additionalProperties === 'object') {
        base = fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }),
          valueFor(
            schema.additionalProperties as JsonObject,
            examples,
            `${path}.*`,
            wrongWeight,
          ),
          { maxKeys: 4 },
        );
      } else {
        base = fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }),
          fc.jsonValue({ maxDepth: 2 }),
          { maxKeys: 4 },
        );
      }
      return fc
        .tuple(
          base,
          fc.oneof(
            { arbitrary: fc.constant(null), weight: 15 },
            { arbitrary: fc.tuple(nastyString, wrongValue), weight: 1 },
          ),
        )
        .map(([object, extra]) => {
          const out: Record<string, unknown> = {};
          for (const key of Object.keys(object))
            defineOwn(out, key, object[key]);
          if (extra) defineOwn(out, extra[0], extra[1]);
          return out;
        });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
