import { ApiException } from '@kubernetes/client-node';

/** The Status body of a failed client call (parsed from the response body). */
export async function statusOf(
  call: Promise<unknown>,
): Promise<{ code: number; body: any }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiException) {
      const body =
        typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
      return { code: error.code, body };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}
