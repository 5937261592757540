import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { FieldError } from '@fractal/backstage-plugin-platform-common';

/** A Kubernetes `Status` failure body, read defensively. */
interface KubeStatus {
  message?: string;
  reason?: string;
  causes: Array<{ reason?: string; message?: string; field?: string }>;
}

function readStatus(body: unknown): KubeStatus {
  const status: KubeStatus = { causes: [] };
  if (typeof body !== 'object' || body === null) return status;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') status.message = record.message;
  if (typeof record.reason === 'string') status.reason = record.reason;
  const details = record.details as Record<string, unknown> | undefined;
  if (details && Array.isArray(details.causes)) {
    for (const cause of details.causes) {
      if (typeof cause === 'object' && cause !== null) {
        const c = cause as Record<string, unknown>;
        status.causes.push({
          reason: typeof c.reason === 'string' ? c.reason : undefined,
          message: typeof c.message === 'string' ? c.message : undefined,
          field: typeof c.field === 'string' ? c.field : undefined,
        });
      }
    }
  }
  return status;
}

/** A watch whose resourceVersion is too old (HTTP 410): list again. */
export class WatchExpiredError extends CustomErrorBase {
  name = 'WatchExpiredError' as const;
}

/** Kubernetes' field paths (`.spec.parameters.x`, `spec.x`) as Fractal writes them. */
function fieldPath(field: string): string {
  return field.replace(/^\./, '');
}

/**
 * An `InputError` for a 422 Invalid answer, with the rejected fields in
 * `fieldErrors` like the compile's errors.
 */
export class ClusterValidationError extends InputError {
  readonly fieldErrors: FieldError[];

  constructor(message: string, fieldErrors: FieldError[]) {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

/**
 * The `@backstage/errors` error for a failed Kubernetes API request, naming
 * the cluster and what was attempted. SSA conflicts (409 with
 * `FieldManagerConflict` causes) list every conflicting field and its manager.
 */
export function errorFromKubeStatus(
  code: number,
  body: unknown,
  what: string,
): Error {
  const status = readStatus(body);
  const message = status.message ?? `HTTP ${code}`;
  const text = `${what}: ${message}`;
  switch (code) {
    case 400:
      return new InputError(text);
    case 401:
    case 403:
      return new NotAllowedError(text);
    case 404:
      return new NotFoundError(text);
    case 409: {
      const conflicts = status.causes.filter(
        c => c.reason === 'FieldManagerConflict',
      );
      if (conflicts.length > 0) {
        const list = conflicts
          .map(c => c.message ?? c.field ?? 'unknown field')
          .join('; ');
        return new ConflictError(
          `${what}: server-side apply conflicts with another field manager (${list}). The fields are owned by another tool; change them there, or remove that manager's ownership before applying again`,
        );
      }
      return new ConflictError(text);
    }
    case 410:
      return new WatchExpiredError(text);
    case 422: {
      const fieldErrors = status.causes.map(c => ({
        path: c.field ? fieldPath(c.field) : '(manifest)',
        message: c.message ?? c.reason ?? 'is invalid',
      }));
      return new ClusterValidationError(text, fieldErrors);
    }
    default:
      return new ServiceUnavailableError(text);
  }
}
