import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AdoptionMetrics,
  ClusterHealth,
  ItemsResponse,
  PlatformKind,
  PlatformResource,
  ProvisioningAttempt,
  ResourceDetails,
  Scoreboard,
  TemplateRunReport,
  TenantMetrics,
} from '@fractal/backstage-plugin-platform-common';

/** Who a request is made for. @public */
export interface PlatformRequestOptions {
  /** The caller's credentials: a user's (on their behalf) or the module's own. */
  credentials: BackstageCredentials;
}

/** Filters of {@link PlatformApiClient.listResources}. @public */
export interface ListResourcesQuery {
  /** Resources of a catalog entity: by component label/annotation, resource selector or ownership. */
  entityRef?: string;
  tenant?: string;
  kind?: string;
  cluster?: string;
}

/** A time window; ISO 8601 timestamps. @public */
export interface WindowQuery {
  from?: string;
  to?: string;
}

/** Filters of {@link PlatformApiClient.listHistory}. @public */
export interface HistoryQuery extends WindowQuery {
  tenant?: string;
  kind?: string;
}

/** Options of {@link PlatformApiClient}. @public */
export interface PlatformApiClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

type Query = Record<string, string | undefined>;

/**
 * Typed client of the platform backend's REST API (`/api/platform`), for
 * backend plugins and modules (the catalog provider, scaffolder actions).
 * Every call carries a token for the given credentials, so the backend applies
 * the caller's tenant scope.
 *
 * @public
 */
export class PlatformApiClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly fetchFn: typeof fetch;

  constructor(options: PlatformApiClientOptions) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
  }

  /** `GET /kinds`: platform kinds with their schemas. */
  listKinds(
    options: PlatformRequestOptions,
  ): Promise<ItemsResponse<PlatformKind>> {
    return this.get('/kinds', {}, options);
  }

  /** `GET /clusters`: health of every cluster connection. */
  listClusters(
    options: PlatformRequestOptions,
  ): Promise<ItemsResponse<ClusterHealth>> {
    return this.get('/clusters', {}, options);
  }

  /** `GET /resources`: platform resources visible to the caller. */
  listResources(
    query: ListResourcesQuery,
    options: PlatformRequestOptions,
  ): Promise<ItemsResponse<PlatformResource>> {
    return this.get('/resources', { ...query }, options);
  }

  /** `GET /clusters/:cluster/resources/:uid`: one resource with its tree, Events and attempts. */
  getResource(
    ref: { cluster: string; uid: string },
    options: PlatformRequestOptions,
  ): Promise<ResourceDetails> {
    return this.get(
      `/clusters/${encodeURIComponent(
        ref.cluster,
      )}/resources/${encodeURIComponent(ref.uid)}`,
      {},
      options,
    );
  }

  /** `GET /history`: the raw provisioning attempts. */
  listHistory(
    query: HistoryQuery,
    options: PlatformRequestOptions,
  ): Promise<ItemsResponse<ProvisioningAttempt>> {
    return this.get('/history', { ...query }, options);
  }

  /** `GET /metrics/tenants/:tenant`. */
  getTenantMetrics(
    tenant: string,
    window: WindowQuery,
    options: PlatformRequestOptions,
  ): Promise<TenantMetrics> {
    return this.get(
      `/metrics/tenants/${encodeURIComponent(tenant)}`,
      { ...window },
      options,
    );
  }

  /** `GET /metrics/adoption`. */
  getAdoption(
    window: WindowQuery,
    options: PlatformRequestOptions,
  ): Promise<AdoptionMetrics> {
    return this.get('/metrics/adoption', { ...window }, options);
  }

  /** `GET /scoreboard`. */
  getScoreboard(
    window: WindowQuery,
    options: PlatformRequestOptions,
  ): Promise<Scoreboard> {
    return this.get('/scoreboard', { ...window }, options);
  }

  /**
   * `POST /template-runs`: records the outcome of one scaffolder task
   * (service credentials only; idempotent per task). Returns the stored run.
   */
  reportTemplateRun(
    report: TemplateRunReport,
    options: PlatformRequestOptions,
  ): Promise<TemplateRunReport> {
    return this.send('POST', '/template-runs', report, options);
  }

  private async send<T>(
    method: 'POST',
    path: string,
    body: unknown,
    options: PlatformRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('platform');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'platform',
    });
    const response = await this.fetchFn(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(
    path: string,
    query: Query,
    options: PlatformRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('platform');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, value);
      }
    }
    const search = params.toString();
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'platform',
    });
    const response = await this.fetchFn(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
