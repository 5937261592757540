import {
  DAY_MS,
  type TenantKindCell,
  type WindowMs,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { ATTEMPT_COUNTS_TABLE } from '../history/AttemptCountStore';
import { ATTEMPTS_TABLE } from '../history/AttemptStore';
import { isPostgres, parseNumberList, toNumber } from '../history/dbValues';

/** Which tenants a query covers: a list, or every tenant (admins). */
export type TenantFilter =
  | { tenants: ReadonlyArray<string> }
  | { allTenants: true };

/** Restricts a query to the filter's tenants (never to attempts without a tenant). */
export function whereTenants(
  query: Knex.QueryBuilder,
  filter: TenantFilter,
): Knex.QueryBuilder {
  if ('allTenants' in filter) {
    return query.whereNotNull('tenant');
  }
  return query.whereIn('tenant', [...filter.tenants]);
}

/** The UTC day of an attempt, exactly as the indexes compute it. */
const DAY_EXPRESSION = '(started_at / 86400000)';

const OPEN =
  'ready_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL AND deleted_at IS NULL';

/** The aggregate columns every cell query selects; see docs/metrics.md. */
function cellColumns(db: Knex): string {
  const durations = isPostgres(db)
    ? `string_agg(CASE WHEN duration_ms IS NOT NULL THEN CAST(duration_ms AS text) END, ',')`
    : `group_concat(CASE WHEN duration_ms IS NOT NULL THEN duration_ms END, ',')`;
  return [
    'COUNT(*) AS attempts',
    'SUM(CASE WHEN ready_at IS NOT NULL THEN 1 ELSE 0 END) AS ready',
    'SUM(CASE WHEN ready_at IS NULL AND failed_at IS NOT NULL THEN 1 ELSE 0 END) AS failed',
    `SUM(CASE WHEN ${OPEN} AND stuck_at IS NULL THEN 1 ELSE 0 END) AS in_flight`,
    `SUM(CASE WHEN ${OPEN} AND stuck_at IS NOT NULL THEN 1 ELSE 0 END) AS stuck`,
    'SUM(CASE WHEN ready_at IS NOT NULL AND created_via_portal THEN 1 ELSE 0 END) AS ready_via_portal',
    `${durations} AS durations`,
  ].join(', ');
}

type Row = Record<string, unknown>;

function toCell(row: Row): TenantKindCell {
  return {
    tenant: String(row.tenant),
    kind: String(row.kind),
    day: toNumber(row.day),
    counts: {
      attempts: toNumber(row.attempts),
      ready: toNumber(row.ready),
      failed: toNumber(row.failed),
      inFlight: toNumber(row.in_flight),
      stuck: toNumber(row.stuck),
    },
    readyViaPortal: toNumber(row.ready_via_portal),
    durationsMs: parseNumberList(row.durations),
  };
}

/**
 * Cells of attempts started in [from, to) read from the attempts themselves:
 * grouped in the order of an index (tenant, day, kind) or (day, tenant, kind)
 * that holds every column read, so the database aggregates while it reads the
 * index in order (no sort, no table access).
 */
async function loadRawCells(
  db: Knex,
  from: number,
  to: number,
  filter: TenantFilter,
): Promise<TenantKindCell[]> {
  if (from >= to) return [];
  const byTenantFirst = !('allTenants' in filter);
  const query = db(ATTEMPTS_TABLE)
    .select(
      'tenant',
      'kind',
      db.raw(`${DAY_EXPRESSION} AS day`),
      db.raw(cellColumns(db)),
    )
    .where(db.raw(`${DAY_EXPRESSION} >= ?`, [Math.floor(from / DAY_MS)]))
    .where(db.raw(`${DAY_EXPRESSION} <= ?`, [Math.floor((to - 1) / DAY_MS)]))
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .groupByRaw(
      byTenantFirst
        ? `tenant, ${DAY_EXPRESSION}, kind`
        : `${DAY_EXPRESSION}, tenant, kind`,
    );
  const rows: Row[] = await whereTenants(query, filter);
  return rows.map(toCell);
}

/** Cells of whole UTC days [firstDay, endDay) from the exact day rollup. */
async function loadCountCells(
  db: Knex,
  firstDay: number,
  endDay: number,
  filter: TenantFilter,
): Promise<TenantKindCell[]> {
  if (firstDay >= endDay) return [];
  let query = db(ATTEMPT_COUNTS_TABLE)
    .select(
      'tenant',
      'kind',
      'day',
      'attempts',
      'ready',
      'failed',
      'in_flight',
      'stuck',
      'ready_via_portal',
      'durations',
    )
    .where('day', '>=', firstDay)
    .where('day', '<', endDay)
    .where('attempts', '>', 0);
  query =
    'allTenants' in filter
      ? query.whereNot('tenant', '')
      : query.whereIn('tenant', [...filter.tenants]);
  const rows: Row[] = await query;
  return rows.map(toCell);
}

/**
 * Attempts started in the window, one cell per tenant, kind and UTC day, with
 * their counts by outcome and the provisioning times of observed Ready
 * attempts (percentiles are then exact, in memory). Whole days come from the
 * day rollup `platform_attempt_counts` (one row per tenant, kind and day,
 * whatever the number of attempts); the partial days at the window's edges
 * from the attempts.
 */
export async function loadAttemptCells(
  db: Knex,
  window: WindowMs,
  filter: TenantFilter,
): Promise<TenantKindCell[]> {
  const firstFullDay = Math.ceil(window.from / DAY_MS);
  const endFullDay = Math.floor(window.to / DAY_MS);
  if (firstFullDay >= endFullDay) {
    return loadRawCells(db, window.from, window.to, filter);
  }
  const parts = await Promise.all([
    loadRawCells(db, window.from, firstFullDay * DAY_MS, filter),
    loadCountCells(db, firstFullDay, endFullDay, filter),
    loadRawCells(db, endFullDay * DAY_MS, window.to, filter),
  ]);
  return parts.flat();
}
