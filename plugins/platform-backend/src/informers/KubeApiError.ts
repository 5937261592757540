import { CustomErrorBase } from '@backstage/errors';

/** An error answered by a Kubernetes API server (or the connection to it). */
export class KubeApiError extends CustomErrorBase {
  name = 'KubeApiError' as const;

  constructor(
    message: string,
    /** HTTP status, or the `code` of a watch ERROR Status; undefined for connection errors. */
    readonly statusCode?: number,
    /** The Status `reason`, e.g. `Expired`, `Forbidden`. */
    readonly reason?: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/** True for 410 Gone / Expired: the resourceVersion is too old, relist. */
export function isGoneError(error: unknown): boolean {
  if (error instanceof KubeApiError) {
    return error.statusCode === 410 || error.reason === 'Expired';
  }
  const code = error as { statusCode?: unknown; code?: unknown } | undefined;
  return code?.statusCode === 410 || code?.code === 410;
}

/** Builds a KubeApiError from a `Status` object of a watch ERROR event or a response body. */
export function kubeApiErrorFromStatus(
  status: unknown,
  fallbackCode?: number,
): KubeApiError {
  const s = (status ?? {}) as {
    code?: unknown;
    reason?: unknown;
    message?: unknown;
  };
  const code = typeof s.code === 'number' ? s.code : fallbackCode;
  const reason = typeof s.reason === 'string' ? s.reason : undefined;
  const message =
    typeof s.message === 'string' && s.message
      ? s.message
      : `Kubernetes API answered ${code ?? 'an error'}${
          reason ? ` (${reason})` : ''
        }`;
  return new KubeApiError(message, code, reason);
}
