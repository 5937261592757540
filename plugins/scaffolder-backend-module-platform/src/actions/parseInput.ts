import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** The zod namespace the scaffolder hands to action schemas. */
export type Zod = typeof z;

/**
 * Top-level inputs that are empty strings or null are absent: a template
 * passing `${{ parameters.component }}` for an unset optional field renders
 * an empty string.
 */
function withoutBlanks(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return input;
  }
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== '' && value !== null),
  );
}

/**
 * Parses an action's input with its own schema (the scaffolder checks the
 * JSON Schema form too; this also covers direct calls) and turns the first
 * problems into an `InputError` naming each field.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: (zod: Zod) => T,
  input: unknown,
): z.infer<T> {
  const parsed = schema(z).safeParse(withoutBlanks(input));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 10)
    .map(issue => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  throw new InputError(`Invalid input: ${problems.join('; ')}`);
}

/** `10m`, `90s`, `1h`, `500ms`, or a number of seconds, in milliseconds. */
export function parseDuration(field: string, value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) {
      throw new InputError(`${field}: must be a positive number of seconds`);
    }
    return value * 1000;
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!match) {
    throw new InputError(
      `${field}: '${value.slice(
        0,
        32,
      )}' is not a duration such as 90s, 10m or 1h`,
    );
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
    match[2] as 'ms' | 's' | 'm' | 'h'
  ];
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new InputError(`${field}: must be longer than 0`);
  return ms;
}
