import type {
  InstanceDelta,
  WindowMs,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { toBoolean, toNumber } from '../history/dbValues';
import { RESOURCES_TABLE } from '../history/ResourceStore';
import { whereTenants, type TenantFilter } from './attemptCells';

/** Columns instances are grouped by. */
export type InstanceKeyColumn = 'tenant' | 'kind' | 'created_via_portal';

/** Instances at the window's start and creations/deletions by day inside it. */
export interface InstanceCounts {
  atStart: Map<string, number>;
  deltas: InstanceDelta[];
}

/**
 * Instance counts over a window from resource lifetimes: a resource exists at
 * t when `created_at < t <= deleted_at` (or not deleted). Grouped by the given
 * columns; `keyOf` turns a row's columns into the group key.
 */
export async function loadInstanceCounts(
  db: Knex,
  window: WindowMs,
  filter: TenantFilter,
  columns: ReadonlyArray<InstanceKeyColumn>,
  keyOf: (row: { tenant: string; kind: string; viaPortal: boolean }) => string,
): Promise<InstanceCounts> {
  const rowKey = (row: Record<string, unknown>) =>
    keyOf({
      tenant: String(row.tenant ?? ''),
      kind: String(row.kind ?? ''),
      viaPortal: toBoolean(row.created_via_portal),
    });
  const base = whereTenants(
    db(RESOURCES_TABLE)
      .select(...columns, db.raw('COUNT(*) AS n'))
      .where('created_at', '<', window.from)
      .andWhere(q =>
        q.whereNull('deleted_at').orWhere('deleted_at', '>=', window.from),
      )
      .groupBy(...columns),
    filter,
  );
  const created = whereTenants(
    db(RESOURCES_TABLE)
      .select(
        ...columns,
        db.raw('created_at / 86400000 AS day'),
        db.raw('COUNT(*) AS n'),
      )
      .where('created_at', '>=', window.from)
      .where('created_at', '<', window.to)
      .groupBy(...columns, db.raw('created_at / 86400000')),
    filter,
  );
  const deleted = whereTenants(
    db(RESOURCES_TABLE)
      .select(
        ...columns,
        db.raw('deleted_at / 86400000 AS day'),
        db.raw('COUNT(*) AS n'),
      )
      .where('deleted_at', '>=', window.from)
      .where('deleted_at', '<', window.to)
      .groupBy(...columns, db.raw('deleted_at / 86400000')),
    filter,
  );
  const [baseRows, createdRows, deletedRows]: Array<
    Array<Record<string, unknown>>
  > = await Promise.all([base, created, deleted]);
  const atStart = new Map<string, number>();
  for (const row of baseRows) {
    const key = rowKey(row);
    atStart.set(key, (atStart.get(key) ?? 0) + toNumber(row.n));
  }
  const deltas: InstanceDelta[] = [
    ...createdRows.map(row => ({
      bucket: toNumber(row.day),
      key: rowKey(row),
      created: toNumber(row.n),
      deleted: 0,
    })),
    ...deletedRows.map(row => ({
      bucket: toNumber(row.day),
      key: rowKey(row),
      created: 0,
      deleted: toNumber(row.n),
    })),
  ];
  return { atStart, deltas };
}
