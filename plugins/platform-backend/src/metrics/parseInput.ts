import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Validates request input with a zod schema; an `InputError` (400) naming the
 * offending parameter otherwise.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: 'query parameter' | 'path parameter' | 'body field',
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` '${issue.path.join('.')}'` : '';
    throw new InputError(
      `Invalid ${what}${where}: ${issue?.message ?? 'malformed'}`,
    );
  }
  return parsed.data;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time, as epoch ms. */
export const isoTime = z
  .string()
  .regex(ISO_DATE, 'expected an ISO 8601 date or date-time')
  .transform((value, ctx) => {
    const t = Date.parse(value);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'not a valid date' });
      return z.NEVER;
    }
    return t;
  });

/** A Group or Kubernetes kind name. */
export const name = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'expected a name of letters, digits, ".", "_" or "-"',
  );
