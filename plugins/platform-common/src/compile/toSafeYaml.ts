import { Document, isScalar, visit } from 'yaml';
import type { JsonObject } from '../api/types';

/** Strings written without quotes: start with a letter, then letters, digits, `_ . / -`. */
const SAFE_PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/** Plain words YAML 1.1 (kubectl, Go) or 1.2 would read as booleans or null. */
const RESERVED_WORDS = new Set([
  'y',
  'n',
  'yes',
  'no',
  'on',
  'off',
  'true',
  'false',
  'null',
]);

/** An exponent without a mantissa (`E0`, `e12`), which some YAML 1.1 readers take for a float. */
const BARE_EXPONENT = /^[eE][0-9_]+$/;

function needsQuotes(value: string): boolean {
  return (
    !SAFE_PLAIN.test(value) ||
    RESERVED_WORDS.has(value.toLowerCase()) ||
    BARE_EXPONENT.test(value)
  );
}

/**
 * Serializes a manifest as YAML that every common reader (YAML 1.2 and the
 * YAML 1.1 parsers kubectl and Go use) reads back as exactly the same JSON:
 * every string key or value that is not a plain word (letters, digits,
 * `_ . / -`, starting with a letter, not `yes`/`no`/`on`/`off`/`y`/`n`/
 * `true`/`false`/`null` in any case, not a bare exponent like `E0`) is
 * double-quoted with escapes, so
 * values like `"16"`, `"yes"`, `"0o17"`, `"- x"`, `"a: b"`, `"#x"`,
 * `"{...}"`, `"&a"`, `"!!python"`, newlines, NUL and bidi marks stay
 * strings and can never inject structure, tags, anchors or documents. No
 * anchors/aliases are emitted and long strings are not folded.
 * @public
 */
export function toSafeYaml(manifest: JsonObject): string {
  const doc = new Document(manifest, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string') {
        node.type = needsQuotes(node.value) ? 'QUOTE_DOUBLE' : 'PLAIN';
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
