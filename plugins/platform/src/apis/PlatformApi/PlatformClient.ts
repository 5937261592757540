import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AdoptionMetrics,
  ClusterHealth,
  CompiledManifest,
  ItemsResponse,
  MetricsWindow,
  PlatformKind,
  PlatformResource,
  ProvisioningAttempt,
  ResourceDetails,
  Scoreboard,
  TenantMetrics,
} from '@fractal/backstage-plugin-platform-common';
import type {
  CompileRequest,
  HistoryQuery,
  ListResourcesQuery,
  PlatformApi,
} from './PlatformApi';

type QueryValues = Record<string, string | undefined>;

/**
 * Default {@link PlatformApi} implementation: calls the `platform` backend
 * plugin with the signed-in user's credentials (through the fetch API).
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listKinds(): Promise<ItemsResponse<PlatformKind>> {
    return this.get('/kinds');
  }

  listClusters(): Promise<ItemsResponse<ClusterHealth>> {
    return this.get('/clusters');
  }

  listResources(
    query: ListResourcesQuery = {},
  ): Promise<ItemsResponse<PlatformResource>> {
    return this.get('/resources', {
      entityRef: query.entityRef,
      tenant: query.tenant,
      kind: query.kind,
      cluster: query.cluster,
    });
  }

  getResource(cluster: string, uid: string): Promise<ResourceDetails> {
    return this.get(
      `/clusters/${encodeURIComponent(cluster)}/resources/${encodeURIComponent(
        uid,
      )}`,
    );
  }

  getHistory(
    query: HistoryQuery = {},
  ): Promise<ItemsResponse<ProvisioningAttempt>> {
    return this.get('/history', {
      tenant: query.tenant,
      kind: query.kind,
      from: query.from,
      to: query.to,
      limit: query.limit?.toString(),
      offset: query.offset?.toString(),
    });
  }

  getTenantMetrics(
    tenant: string,
    window: MetricsWindow,
  ): Promise<TenantMetrics> {
    return this.get(`/metrics/tenants/${encodeURIComponent(tenant)}`, {
      from: window.from,
      to: window.to,
    });
  }

  getAdoption(window: MetricsWindow): Promise<AdoptionMetrics> {
    return this.get('/metrics/adoption', { from: window.from, to: window.to });
  }

  getScoreboard(window: MetricsWindow): Promise<Scoreboard> {
    return this.get('/scoreboard', { from: window.from, to: window.to });
  }

  compile(request: CompileRequest): Promise<CompiledManifest> {
    return this.request('/compile', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  private get<T>(path: string, query: QueryValues = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, value);
      }
    }
    const search = params.toString();
    return this.request(search ? `${path}?${search}` : path, {
      method: 'GET',
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
