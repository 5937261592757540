import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/** Validates a request's query with a zod schema; 400 with the offending parameter otherwise. */
export function parseQuery<T extends z.ZodType>(
  schema: T,
  query: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` '${issue.path.join('.')}'` : '';
    throw new InputError(
      `Invalid query parameter${where}: ${issue?.message ?? 'malformed'}`,
    );
  }
  return parsed.data;
}
