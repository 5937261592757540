import { NotFoundError } from '@backstage/errors';
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
  ResourceState,
  Scoreboard,
  TenantMetrics,
} from '@fractal/backstage-plugin-platform-common';
import type {
  CompileRequest,
  HistoryQuery,
  ListResourcesQuery,
  PlatformApi,
} from './PlatformApi';
import { compileFixture } from './fixtures/compile';
import { createFixtureAttempts } from './fixtures/history';
import { adoptionOf, scoreboardOf, tenantMetricsOf } from './fixtures/metrics';
import { createFixtureClusters } from './fixtures/clusters';
import {
  createFixtureDetails,
  createFixtureResources,
  fixtureKinds,
  fixtureTenants,
} from './fixtures/resources';

/** The reason the demo operator reports for each state. */
const REASONS: Record<ResourceState, string> = {
  Ready: 'Available',
  InProgress: 'Creating',
  Failed: 'ReconcileError',
  Terminating: 'Deleting',
  Unknown: 'NotObserved',
};

/**
 * Options of {@link MockPlatformApi}.
 *
 * @public
 */
export interface MockPlatformApiOptions {
  /** The clock the demo data is relative to (default: construction time). */
  now?: number;
  /** Delay of every call in milliseconds, to show loading states (default 0). */
  latencyMs?: number;
}

/**
 * An in-memory {@link PlatformApi} over a small demo platform (the clusters,
 * tenants and kinds of the cluster emulator), for the dev app and tests.
 *
 * @public
 */
export class MockPlatformApi implements PlatformApi {
  private readonly now: number;
  private readonly latencyMs: number;
  private resources: PlatformResource[];
  private readonly clusters: ClusterHealth[];
  private readonly attempts: ProvisioningAttempt[];

  constructor(options: MockPlatformApiOptions = {}) {
    this.now = options.now ?? Date.now();
    this.latencyMs = options.latencyMs ?? 0;
    this.resources = createFixtureResources(this.now);
    this.clusters = createFixtureClusters(this.now);
    this.attempts = createFixtureAttempts(this.resources, this.now);
  }

  /**
   * Changes the state of a demo resource, as the operator would; returns the
   * `platform:resource-status` signal payload the backend would push.
   */
  setState(
    cluster: string,
    uid: string,
    state: ResourceState,
    at: number = Date.now(),
  ) {
    const resource = this.find(cluster, uid);
    const since = new Date(at).toISOString();
    const reason = REASONS[state];
    this.resources = this.resources.map(r =>
      r === resource ? { ...r, status: { state, reason, since } } : r,
    );
    return { cluster, uid, tenant: resource.tenant ?? '', state };
  }

  async listKinds(): Promise<ItemsResponse<PlatformKind>> {
    return this.respond({ items: fixtureKinds });
  }

  async listClusters(): Promise<ItemsResponse<ClusterHealth>> {
    return this.respond({ items: this.clusters });
  }

  async listResources(
    query: ListResourcesQuery = {},
  ): Promise<ItemsResponse<PlatformResource>> {
    const items = this.resources.filter(
      r =>
        (!query.entityRef || this.belongsTo(r, query.entityRef)) &&
        (!query.tenant || r.tenant === query.tenant) &&
        (!query.kind || r.ref.kind === query.kind) &&
        (!query.cluster || r.ref.cluster === query.cluster),
    );
    return this.respond({ items });
  }

  async getResource(cluster: string, uid: string): Promise<ResourceDetails> {
    const resource = this.find(cluster, uid);
    return this.respond({
      ...createFixtureDetails(resource, this.now),
      attempts: this.attempts.filter(
        a => a.cluster === cluster && a.uid === uid,
      ),
    });
  }

  async getHistory(
    query: HistoryQuery = {},
  ): Promise<ItemsResponse<ProvisioningAttempt>> {
    const from = query.from ? Date.parse(query.from) : -Infinity;
    const to = query.to ? Date.parse(query.to) : Infinity;
    const items = this.attempts.filter(a => {
      const start = Date.parse(a.startedAt);
      return (
        (!query.tenant || a.tenant === query.tenant) &&
        (!query.kind || a.kind === query.kind) &&
        start >= from &&
        start < to
      );
    });
    items.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const offset = query.offset ?? 0;
    return this.respond({
      items: items.slice(offset, offset + (query.limit ?? 1000)),
    });
  }

  async getTenantMetrics(
    tenant: string,
    window: MetricsWindow,
  ): Promise<TenantMetrics> {
    return this.respond(tenantMetricsOf(tenant, window, this.attempts));
  }

  async getAdoption(window: MetricsWindow): Promise<AdoptionMetrics> {
    return this.respond(adoptionOf(window, this.attempts, fixtureTenants));
  }

  async getScoreboard(window: MetricsWindow): Promise<Scoreboard> {
    return this.respond(scoreboardOf(window, this.attempts, fixtureTenants));
  }

  async compile(request: CompileRequest): Promise<CompiledManifest> {
    await this.respond(undefined);
    return compileFixture(
      request,
      fixtureKinds.map(k => k.kind),
    );
  }

  private belongsTo(resource: PlatformResource, entityRef: string): boolean {
    const ref = entityRef.toLocaleLowerCase('en-US');
    return (
      resource.component?.toLocaleLowerCase('en-US') === ref ||
      resource.owner?.toLocaleLowerCase('en-US') === ref ||
      `resource:default/${resource.ref.name}` === ref
    );
  }

  private find(cluster: string, uid: string): PlatformResource {
    const resource = this.resources.find(
      r => r.ref.cluster === cluster && r.ref.uid === uid,
    );
    if (!resource) {
      throw new NotFoundError(`No platform resource ${cluster}/${uid}`);
    }
    return resource;
  }

  private async respond<T>(value: T): Promise<T> {
    if (this.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.latencyMs));
    }
    return value;
  }
}
