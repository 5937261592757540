import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AdoptionMetrics,
  ClusterHealth,
  CompiledManifest,
  ItemsResponse,
  JsonObject,
  MetricsWindow,
  PlatformKind,
  PlatformResource,
  ProvisioningAttempt,
  ResourceDetails,
  Scoreboard,
  TenantMetrics,
} from '@fractal/backstage-plugin-platform-common';

/**
 * Filters of `GET /resources`. Every filter is optional; the backend always
 * limits the result to the calling user's tenants unless the user is a
 * platform admin.
 *
 * @public
 */
export interface ListResourcesQuery {
  /** Entity ref of a catalog entity (Component, System, Group, Resource). */
  entityRef?: string;
  /** Tenant (Group name). */
  tenant?: string;
  /** Platform kind, e.g. `PostgreSQLInstance`. */
  kind?: string;
  /** Cluster name. */
  cluster?: string;
}

/**
 * Filters of `GET /history`.
 *
 * @public
 */
export interface HistoryQuery {
  tenant?: string;
  kind?: string;
  /** ISO 8601 start (inclusive). */
  from?: string;
  /** ISO 8601 end (exclusive). */
  to?: string;
  /** Page size (the backend's default is 1000, its maximum 5000). */
  limit?: number;
  /** Records to skip; attempts come oldest first. */
  offset?: number;
}

/**
 * Body of `POST /compile`: the input of the `platform:resource:compile`
 * scaffolder action (same names, same meaning), so the preview shows exactly
 * what the template will create.
 *
 * @public
 */
export interface CompileRequest {
  /** Platform kind, e.g. `PostgreSQLInstance` (or `<group>/<Kind>`). */
  kind: string;
  /** `<group>/<version>` to pin a version of the kind. */
  apiVersion?: string;
  /** Tenant Group, as a name (`payments`) or entity ref. */
  tenant: string;
  /** Name of the resource (DNS-1123 label). */
  name: string;
  /** Environment whose defaults apply, e.g. `production`. */
  environment?: string;
  /** Target cluster, when the template lets the user choose one. */
  cluster?: string;
  /** The user's parameters: `spec.parameters`, the top defaults layer. */
  parameters: JsonObject;
  /** Extra labels. */
  labels?: Record<string, string>;
  /** Entity ref of the catalog Component the resource serves. */
  component?: string;
}

/**
 * Client of Fractal's REST API (`/api/platform`).
 *
 * @public
 */
export interface PlatformApi {
  listKinds(): Promise<ItemsResponse<PlatformKind>>;
  listClusters(): Promise<ItemsResponse<ClusterHealth>>;
  listResources(
    query?: ListResourcesQuery,
  ): Promise<ItemsResponse<PlatformResource>>;
  getResource(cluster: string, uid: string): Promise<ResourceDetails>;
  getHistory(query?: HistoryQuery): Promise<ItemsResponse<ProvisioningAttempt>>;
  getTenantMetrics(
    tenant: string,
    window: MetricsWindow,
  ): Promise<TenantMetrics>;
  getAdoption(window: MetricsWindow): Promise<AdoptionMetrics>;
  getScoreboard(window: MetricsWindow): Promise<Scoreboard>;
  /**
   * Compiles a manifest without applying it. Rejects with a `ResponseError`
   * (status 400) naming the offending fields when the input is invalid.
   */
  compile(request: CompileRequest): Promise<CompiledManifest>;
}

/**
 * Reference to the {@link PlatformApi}.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>({
  id: 'plugin.platform.api',
});
