import {
  CompileInputError,
  formatFieldPath,
} from '@fractal/backstage-plugin-platform-common';
import { z } from 'zod';

/** The body of `POST /compile`: the input of `platform:resource:compile`. */
export const compileRequestSchema = z.object({
  kind: z.string().min(1).max(253),
  apiVersion: z.string().max(253).optional(),
  tenant: z.string().min(1).max(253),
  name: z.string().min(1).max(253),
  environment: z.string().max(63).optional(),
  cluster: z.string().max(253).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  component: z.string().max(253).optional(),
  /** Entity ref of the template the preview runs in, for its annotation. */
  template: z.string().max(253).optional(),
});

/** A parsed compile request. */
export type CompileRequestBody = z.infer<typeof compileRequestSchema>;

/**
 * Parses a request body; an `InputError` (400) naming every invalid field,
 * with the same `fieldErrors` list compile's own errors carry.
 */
export function parseCompileRequest(body: unknown): CompileRequestBody {
  const parsed = compileRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new CompileInputError(
    'compile request',
    parsed.error.issues.map(issue => ({
      path:
        formatFieldPath(
          issue.path.map(p => (typeof p === 'symbol' ? String(p) : p)),
        ) || '(body)',
      message: issue.message,
    })),
  );
}
