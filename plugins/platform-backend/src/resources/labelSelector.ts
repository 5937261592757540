import { InputError } from '@backstage/errors';

/** One requirement of a Kubernetes label selector. */
export type LabelRequirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const patterns: Array<[RegExp, (m: RegExpExecArray) => LabelRequirement]> = [
  [
    new RegExp(`^(${KEY})\\s+(in|notin)\\s+\\(([^)]*)\\)$`),
    m => ({
      key: m[1],
      op: m[2] as 'in' | 'notin',
      values: m[3]
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    }),
  ],
  [
    new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`),
    m => ({
      key: m[1],
      op: m[2] === '!=' ? 'neq' : 'eq',
      value: m[3],
    }),
  ],
  [new RegExp(`^!\\s*(${KEY})$`), m => ({ key: m[1], op: 'notexists' })],
  [new RegExp(`^(${KEY})$`), m => ({ key: m[1], op: 'exists' })],
];

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(Boolean);
}

/** Parses a Kubernetes label selector (`=`, `==`, `!=`, `in`, `notin`, exists, `!`). */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTerms(selector).map(term => {
    for (const [pattern, build] of patterns) {
      const match = pattern.exec(term);
      if (match) return build(match);
    }
    throw new InputError(
      `Invalid label selector term '${term}' in '${selector}'`,
    );
  });
}

/** True when the labels satisfy every requirement. An empty selector matches everything. */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const get = (key: string) => labels?.[key];
  return requirements.every(r => {
    const value = get(r.key);
    switch (r.op) {
      case 'eq':
        return value === r.value;
      case 'neq':
        return value !== r.value;
      case 'in':
        return value !== undefined && r.values.includes(value);
      case 'notin':
        return value === undefined || !r.values.includes(value);
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}
