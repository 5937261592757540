import { badRequest } from './StatusError';

/** One requirement of a label selector. */
export type LabelRequirement =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'gt' | 'lt'; value: number };

/** A parsed label selector: all requirements must hold. */
export type LabelSelector = LabelRequirement[];

const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function fail(detail: string): never {
  throw badRequest(`unable to parse requirement: ${detail}`);
}

function checkKey(key: string): string {
  if (!key || key.length > 317 || !KEY_RE.test(key)) {
    fail(
      `key: Invalid value: ${JSON.stringify(
        key,
      )}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE_RE.test(value)) {
    fail(
      `values[0][${value}]: Invalid value: ${JSON.stringify(
        value,
      )}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return value;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(input: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(input.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(input.slice(start));
  return terms;
}

const SET_RE = /^\s*(\S+)\s+(in|notin)\s*\(([^)]*)\)\s*$/;
const CMP_RE = /^\s*([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(.*?)\s*$/;

/** Parses a label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`). */
export function parseLabelSelector(input: string | undefined): LabelSelector {
  if (!input || !input.trim()) {
    return [];
  }
  const requirements: LabelSelector = [];
  for (const rawTerm of splitTerms(input)) {
    const term = rawTerm.trim();
    if (!term) {
      fail(`found '', expected: identifier`);
    }
    const set = SET_RE.exec(term);
    if (set) {
      const values = set[3]
        .split(',')
        .map(v => v.trim())
        .map(checkValue);
      requirements.push({
        key: checkKey(set[1]),
        op: set[2] as 'in' | 'notin',
        values,
      });
      continue;
    }
    const cmp = CMP_RE.exec(term);
    if (cmp) {
      const key = checkKey(cmp[1]);
      const op = cmp[2];
      if (op === '<' || op === '>') {
        const value = Number(cmp[3]);
        if (!Number.isInteger(value)) {
          fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        requirements.push({ key, op: op === '<' ? 'lt' : 'gt', value });
      } else {
        requirements.push({
          key,
          op: op === '!=' ? 'notin' : 'in',
          values: [checkValue(cmp[3])],
        });
      }
      continue;
    }
    if (term.startsWith('!')) {
      requirements.push({
        key: checkKey(term.slice(1).trim()),
        op: 'notexists',
      });
      continue;
    }
    requirements.push({ key: checkKey(term), op: 'exists' });
  }
  return requirements;
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  for (const req of selector) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    switch (req.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !req.values.includes(value)) return false;
        break;
      case 'notin':
        if (has && req.values.includes(value)) return false;
        break;
      case 'gt':
      case 'lt': {
        const n = Number(value);
        if (!has || !Number.isInteger(n)) return false;
        if (req.op === 'gt' ? !(n > req.value) : !(n < req.value)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/** One term of a field selector. */
export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

/** Unescapes `\,`, `\=` and `\\` in a field selector value. */
function unescapeFieldValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Splits on a separator that is not escaped with a backslash. */
function splitUnescaped(input: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Parses a field selector and checks every field against the supported ones
 * (`metadata.name`, `metadata.namespace`, plus the type's own).
 */
export function parseFieldSelector(
  input: string | undefined,
  supported: readonly string[],
): FieldRequirement[] {
  if (!input || !input.trim()) {
    return [];
  }
  const requirements: FieldRequirement[] = [];
  for (const term of splitUnescaped(input, ',')) {
    const match = /^([^=!]+?)\s*(==|=|!=)(.*)$/.exec(term.trim());
    if (!match) {
      throw badRequest(
        `invalid selector: '${input}'; can't understand '${term}'`,
      );
    }
    const field = match[1].trim();
    if (!supported.includes(field)) {
      throw badRequest(`field label not supported: ${field}`);
    }
    requirements.push({
      field,
      op: match[2] === '!=' ? 'neq' : 'eq',
      value: unescapeFieldValue(match[3]),
    });
  }
  return requirements;
}

/** Whether an object's field values satisfy every term. */
export function matchesFields(
  selector: FieldRequirement[],
  fieldValue: (field: string) => string,
): boolean {
  for (const req of selector) {
    const actual = fieldValue(req.field);
    if (req.op === 'eq' ? actual !== req.value : actual === req.value) {
      return false;
    }
  }
  return true;
}
