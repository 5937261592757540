import type {
  InstanceDelta,
  WindowMs,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { toBoolean, toNumber } from '../history/dbValues';
import { RESOURCE_COUNTS_TABLE } from '../history/ResourceCountStore';
import { RESOURCES_TABLE } from '../history/ResourceStore';
import { whereTenants, type TenantFilter } from './attemptCells';

const DAY = 86_400_000;

/** Columns instances are grouped by. */
export type InstanceKeyColumn = 'tenant' | 'kind' | 'created_via_portal';

/** Instances at the window's start and creations/deletions by day inside it. */
export interface InstanceCounts {
  atStart: Map<string, number>;
  deltas: InstanceDelta[];
}

type Row = Record<string, unknown>;

/** The tenant filter on the rollup, where resources without a tenant are ''. */
function whereCountTenants(query: Knex.QueryBuilder, filter: TenantFilter) {
  if ('allTenants' in filter) return query.whereNot('tenant', '');
  return query.whereIn('tenant', [...filter.tenants]);
}

/**
 * Instance counts over a window from resource lifetimes: a resource exists at
 * t when `created_at < t <= deleted_at` (or it is not deleted). Whole UTC
 * days come from the exact day rollup `platform_resource_counts`; the partial
 * days at the window's edges from the resources themselves, so the cost
 * depends on the number of days, not of resources. `keyOf` turns a row's
 * columns into the group key.
 */
export async function loadInstanceCounts(
  db: Knex,
  window: WindowMs,
  filter: TenantFilter,
  columns: ReadonlyArray<InstanceKeyColumn>,
  keyOf: (row: { tenant: string; kind: string; viaPortal: boolean }) => string,
): Promise<InstanceCounts> {
  const rowKey = (row: Row) =>
    keyOf({
      tenant: String(row.tenant ?? ''),
      kind: String(row.kind ?? ''),
      viaPortal: toBoolean(row.created_via_portal),
    });
  const startDay = Math.floor(window.from / DAY);
  const firstFullDay = Math.ceil(window.from / DAY);
  const endFullDay = Math.floor(window.to / DAY);
  const hasFullDays = firstFullDay < endFullDay;

  /** Creations (or deletions) per key and day in [from, to), from the resources. */
  const rawEvents = (
    column: 'created_at' | 'deleted_at',
    from: number,
    to: number,
  ) =>
    from >= to
      ? Promise.resolve([] as Row[])
      : whereTenants(
          db(RESOURCES_TABLE)
            .select(
              ...columns,
              db.raw(`${column} / ${DAY} AS day`),
              db.raw('COUNT(*) AS n'),
            )
            .where(column, '>=', from)
            .where(column, '<', to)
            .groupBy(...columns, db.raw(`${column} / ${DAY}`)),
          filter,
        );
  const edges: Array<[number, number]> = hasFullDays
    ? [
        [window.from, firstFullDay * DAY],
        [endFullDay * DAY, window.to],
      ]
    : [[window.from, window.to]];

  const [before, dayStartCreated, dayStartDeleted, fullDays, ...edgeRows] =
    await Promise.all([
      whereCountTenants(
        db(RESOURCE_COUNTS_TABLE)
          .select(...columns, db.raw('SUM(created) - SUM(deleted) AS n'))
          .where('day', '<', startDay)
          .groupBy(...columns),
        filter,
      ) as Promise<Row[]>,
      rawEvents('created_at', startDay * DAY, window.from),
      rawEvents('deleted_at', startDay * DAY, window.from),
      hasFullDays
        ? (whereCountTenants(
            db(RESOURCE_COUNTS_TABLE)
              .select(
                ...columns,
                'day',
                db.raw('SUM(created) AS created'),
                db.raw('SUM(deleted) AS deleted'),
              )
              .where('day', '>=', firstFullDay)
              .where('day', '<', endFullDay)
              .groupBy(...columns, 'day'),
            filter,
          ) as Promise<Row[]>)
        : Promise.resolve([] as Row[]),
      ...edges.flatMap(([from, to]) => [
        rawEvents('created_at', from, to),
        rawEvents('deleted_at', from, to),
      ]),
    ]);

  const atStart = new Map<string, number>();
  const bump = (key: string, n: number) =>
    atStart.set(key, (atStart.get(key) ?? 0) + n);
  for (const row of before) bump(rowKey(row), toNumber(row.n));
  for (const row of dayStartCreated) bump(rowKey(row), toNumber(row.n));
  for (const row of dayStartDeleted) bump(rowKey(row), -toNumber(row.n));

  const deltas: InstanceDelta[] = fullDays.map(row => ({
    bucket: toNumber(row.day),
    key: rowKey(row),
    created: toNumber(row.created),
    deleted: toNumber(row.deleted),
  }));
  edgeRows.forEach((rows, i) => {
    const created = i % 2 === 0;
    for (const row of rows) {
      deltas.push({
        bucket: toNumber(row.day),
        key: rowKey(row),
        created: created ? toNumber(row.n) : 0,
        deleted: created ? 0 : toNumber(row.n),
      });
    }
  });
  return { atStart, deltas };
}
