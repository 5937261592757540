import {
  adoptionKey,
  buildAdoptionMetrics,
  buildScoreboard,
  buildTenantMetrics,
  previousWindow,
  type AdoptionMetrics,
  type MinutesSaved,
  type Scoreboard,
  type TenantMetrics,
  type WindowMs,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { loadAttemptCells, type TenantFilter } from './attemptCells';
import { loadInstanceCounts } from './instanceCounts';
import { loadTemplateRunCounts } from './templateRunCounts';

/** The tenants a caller may see: every one (admins) or a list. */
export type MetricsScope =
  | { allTenants: true }
  | { tenants: ReadonlyArray<string> };

/** The tenants adoption is measured against: every tenant Group of the catalog. */
export interface TenantDirectory {
  listTenants(): Promise<string[]>;
}

/** Options of {@link MetricsService}. */
export interface MetricsServiceOptions {
  db: Knex;
  tenants: TenantDirectory;
  minutesSaved: MinutesSaved;
}

/**
 * Tenant metrics, adoption and the scoreboard: aggregated in the database by
 * tenant, kind and day (see docs/metrics.md for the SQL), then finished with
 * the pure metrics math of platform-common (exact nearest-rank percentiles).
 */
export class MetricsService {
  constructor(private readonly options: MetricsServiceOptions) {}

  async tenantMetrics(
    tenant: string,
    window: WindowMs,
  ): Promise<TenantMetrics> {
    const filter: TenantFilter = { tenants: [tenant] };
    const [cells, instances] = await Promise.all([
      loadAttemptCells(this.options.db, window, filter),
      loadInstanceCounts(
        this.options.db,
        window,
        filter,
        ['kind'],
        r => r.kind,
      ),
    ]);
    return buildTenantMetrics({
      tenant,
      window,
      cells,
      instancesAtStart: instances.atStart,
      instanceDeltas: instances.deltas,
    });
  }

  async adoption(
    window: WindowMs,
    scope: MetricsScope,
  ): Promise<AdoptionMetrics> {
    const [tenants, instances] = await Promise.all([
      this.tenantsIn(scope),
      loadInstanceCounts(
        this.options.db,
        window,
        scope,
        ['tenant', 'kind', 'created_via_portal'],
        r => adoptionKey(r.tenant, r.kind, r.viaPortal),
      ),
    ]);
    return buildAdoptionMetrics({
      window,
      tenants,
      instancesAtStart: instances.atStart,
      instanceDeltas: instances.deltas,
    });
  }

  async scoreboard(window: WindowMs, scope: MetricsScope): Promise<Scoreboard> {
    const { db, minutesSaved } = this.options;
    const previous = previousWindow(window);
    const [tenants, current, before, instances, runsNow, runsBefore] =
      await Promise.all([
        this.tenantsIn(scope),
        loadAttemptCells(db, window, scope),
        loadAttemptCells(db, previous, scope),
        loadInstanceCounts(db, window, scope, ['tenant'], r => r.tenant),
        loadTemplateRunCounts(db, window, scope),
        loadTemplateRunCounts(db, previous, scope),
      ]);
    return buildScoreboard({
      window,
      tenants,
      current,
      previous: before,
      instancesAtStart: instances.atStart,
      instanceDeltas: instances.deltas,
      templateRuns: { current: runsNow, previous: runsBefore },
      minutesSaved,
    });
  }

  /** Catalog tenants, limited to the scope. */
  private async tenantsIn(scope: MetricsScope): Promise<string[]> {
    const all = await this.options.tenants.listTenants();
    if ('allTenants' in scope) return all;
    const mine = new Set(scope.tenants);
    return all.filter(t => mine.has(t));
  }
}
