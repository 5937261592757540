import type { Knex } from 'knex';
import {
  compareStrings,
  ROWS_PER_STATEMENT,
  toBoolean,
  toNumber,
} from './dbValues';

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

/** Counts to add to one group and day. */
export interface ResourceCountChange extends ResourceCountKey {
  day: number;
  created: number;
  deleted: number;
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
    await this.addMany([{ ...key, day, created, deleted }]);
  }

  /**
   * Adds many counts, summed per group and day first, in sorted order (rows
   * are locked in the same order on every replica), {@link ROWS_PER_STATEMENT} rows a statement.
   */
  async addMany(changes: readonly ResourceCountChange[]): Promise<void> {
    const cells = new Map<string, ResourceCountChange>();
    for (const change of changes) {
      const key = JSON.stringify([
        change.tenant ?? '',
        change.kind,
        change.createdViaPortal,
        change.day,
      ]);
      const cell = cells.get(key);
      if (cell) {
        cell.created += change.created;
        cell.deleted += change.deleted;
      } else {
        cells.set(key, { ...change });
      }
    }
    const rows = [...cells.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([, cell]) => cell)
      .filter(cell => cell.created !== 0 || cell.deleted !== 0)
      .map(cell => ({
        tenant: cell.tenant ?? '',
        kind: cell.kind,
        created_via_portal: cell.createdViaPortal,
        day: cell.day,
        created: cell.created,
        deleted: cell.deleted,
      }));
    const add = (column: string) =>
      this.db.raw('?? + ??', [
        `${RESOURCE_COUNTS_TABLE}.${column}`,
        `excluded.${column}`,
      ]);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await this.db(RESOURCE_COUNTS_TABLE)
        .insert(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict(['tenant', 'kind', 'created_via_portal', 'day'])
        .merge({ created: add('created'), deleted: add('deleted') });
    }
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
