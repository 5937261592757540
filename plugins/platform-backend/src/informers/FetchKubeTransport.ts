import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { Agent as HttpsAgent } from 'node:https';
import fetch from 'node-fetch';
import { KubeApiError, kubeApiErrorFromStatus } from './KubeApiError';
import type {
  KubeListPage,
  KubeQuery,
  KubeTransport,
  KubeWatchEvent,
} from './KubeTransport';

function toSearch(query: KubeQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * {@link KubeTransport} over a `KubeConfig`: LIST with node-fetch and the
 * KubeConfig's TLS and auth options, WATCH with `@kubernetes/client-node`'s
 * `Watch` (the same HTTP stack, so one set of credentials and CA).
 */
export class FetchKubeTransport implements KubeTransport {
  private readonly watcher: Watch;
  /** One kept-alive agent for every GET, so list pages reuse the TLS connection. */
  private agent: HttpsAgent | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: { listTimeoutMs?: number } = {},
  ) {
    this.watcher = new Watch(kubeConfig);
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  async list(
    path: string,
    query: KubeQuery,
    signal?: AbortSignal,
  ): Promise<KubeListPage> {
    return (await this.get(
      `${path}${toSearch(query)}`,
      signal,
    )) as KubeListPage;
  }

  async get(pathAndQuery: string, signal?: AbortSignal): Promise<unknown> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new KubeApiError('The KubeConfig has no current cluster');
    }
    // Headers are re-applied per call (tokens may rotate); the TLS options of
    // the first call make one kept-alive agent instead of one per request.
    const init = await this.kubeConfig.applyToFetchOptions({});
    if (init.agent instanceof HttpsAgent) {
      this.agent ??= new HttpsAgent({
        ...init.agent.options,
        keepAlive: true,
        maxSockets: 8,
      });
      init.agent = this.agent;
    }
    const timeout = AbortSignal.timeout(this.options.listTimeoutMs ?? 60_000);
    let response;
    try {
      response = await fetch(`${cluster.server}${pathAndQuery}`, {
        ...init,
        method: 'GET',
        signal: (signal
          ? AbortSignal.any([signal, timeout])
          : timeout) as never,
      });
    } catch (error) {
      throw new KubeApiError(
        `GET ${pathAndQuery} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        undefined,
        undefined,
        error,
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      throw kubeApiErrorFromStatus(body, response.status);
    }
    if (!body || typeof body !== 'object') {
      throw new KubeApiError(
        `GET ${pathAndQuery} answered a body that is not JSON`,
      );
    }
    return body;
  }

  async watch(
    path: string,
    query: KubeQuery,
    onEvent: (event: KubeWatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<() => void> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params[key] = String(value);
    }
    const controller = await this.watcher.watch(
      path,
      params,
      (type: string, object: unknown) => onEvent({ type, object }),
      (error: unknown) => {
        if (!error) {
          onDone();
          return;
        }
        if (error instanceof Error && error.name === 'AbortError') {
          onDone();
          return;
        }
        const statusCode = (error as { statusCode?: number }).statusCode;
        onDone(
          new KubeApiError(
            `WATCH ${path} failed: ${
              error instanceof Error ? error.message : String(error)
            }`,
            statusCode,
            statusCode === 410 ? 'Expired' : undefined,
            error,
          ),
        );
      },
    );
    return () => controller.abort();
  }
}
