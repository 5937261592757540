import { badRequest } from '../api/StatusError';

/**
 * A list's continue token: the resourceVersion every page shows, the key
 * the next page starts at and, for lists without selectors, how many items
 * are left (so later pages need not count them). Opaque to clients, as the
 * API server's tokens are.
 */
export interface ContinueToken {
  v: string;
  rv: number;
  start: string;
  remaining?: number;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

export function encodeContinue(
  rv: number,
  lastKey: string,
  remaining?: number,
): string {
  const token: ContinueToken = {
    v: TOKEN_VERSION,
    rv,
    start: `${lastKey}\u0000`,
  };
  if (remaining !== undefined) token.remaining = remaining;
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function isCount(value: unknown): boolean {
  return (
    value === undefined ||
    (typeof value === 'number' && Number.isInteger(value) && value >= 0)
  );
}

/** Decodes a token; 400 Bad Request when it is not one of ours. */
export function decodeContinue(value: string): ContinueToken {
  let token: Partial<ContinueToken> | undefined;
  try {
    token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    token = undefined;
  }
  if (
    !token ||
    token.v !== TOKEN_VERSION ||
    typeof token.rv !== 'number' ||
    typeof token.start !== 'string' ||
    !isCount(token.remaining)
  ) {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return token as ContinueToken;
}
