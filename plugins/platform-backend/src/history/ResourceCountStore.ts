import type { Knex } from 'knex';
import { toBoolean, toNumber } from './dbValues';

export const RESOURCE_COUNTS_TABLE = 'platform_resource_counts';

/** The counts of every resource recorded: the rollup's definition. */
const REBUILD_SQL = `
  INSERT INTO platform_resource_counts (tenant, kind, created_via_portal, day, created, deleted)
  SELECT tenant, kind, created_via_portal, day, SUM(created), SUM(deleted)
  FROM (
    SELECT COALESCE(tenant, '') AS tenant, kind, created_via_portal,
           created_at / 86400000 AS day, 1 AS created, 0 AS deleted
    FROM platform_resources
    UNION ALL
    SELECT COALESCE(tenant, '') AS tenant, kind, created_via_portal,
           deleted_at / 86400000 AS day, 0 AS created, 1 AS deleted
    FROM platform_resources
    WHERE deleted_at IS NOT NULL
  ) events
  GROUP BY tenant, kind, created_via_portal, day`;

/** The group a resource is counted in. */
export interface ResourceCountKey {
  tenant?: string;
  kind: string;
  createdViaPortal: boolean;
}

/** UTC day number of an epoch-ms time, as the SQL computes it. */
export const dayNumber = (t: number) => Math.floor(t / 86_400_000);

/**
 * The `platform_resource_counts` table: resources created and deleted per
 * tenant, kind, portal flag and UTC day, kept exact by {@link ResourceStore}
 * in the transaction of every change it makes.
 */
export class ResourceCountStore {
  constructor(private readonly db: Knex) {}

  /** Adds to the created and deleted counts of one group and day. */
  async add(
    key: ResourceCountKey,
    day: number,
    created: number,
    deleted: number,
  ): Promise<void> {
    if (created === 0 && deleted === 0) return;
    await this.db(RESOURCE_COUNTS_TABLE)
      .insert({
        tenant: key.tenant ?? '',
        kind: key.kind,
        created_via_portal: key.createdViaPortal,
        day,
        created,
        deleted,
      })
      .onConflict(['tenant', 'kind', 'created_via_portal', 'day'])
      .merge({
        created: this.db.raw('?? + ?', [
          `${RESOURCE_COUNTS_TABLE}.created`,
          created,
        ]),
        deleted: this.db.raw('?? + ?', [
          `${RESOURCE_COUNTS_TABLE}.deleted`,
          deleted,
        ]),
      });
  }

  /**
   * Recomputes every count from `platform_resources` (the migration's
   * backfill; also a repair after bulk loads that bypass the store).
   */
  async rebuild(): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(RESOURCE_COUNTS_TABLE).delete();
      await tx.raw(REBUILD_SQL);
    });
  }

  /** Every non-empty count, for checks. */
  async all(): Promise<
    Array<ResourceCountKey & { day: number; created: number; deleted: number }>
  > {
    const rows: Array<Record<string, unknown>> = await this.db(
      RESOURCE_COUNTS_TABLE,
    )
      .where(q => q.whereNot('created', 0).orWhereNot('deleted', 0))
      .orderBy(['tenant', 'kind', 'created_via_portal', 'day']);
    return rows.map(row => ({
      tenant: row.tenant === '' ? undefined : String(row.tenant),
      kind: String(row.kind),
      createdViaPortal: toBoolean(row.created_via_portal),
      day: toNumber(row.day),
      created: toNumber(row.created),
      deleted: toNumber(row.deleted),
    }));
  }
}
