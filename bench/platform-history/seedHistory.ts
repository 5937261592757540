/* Fills the history tables with deterministic synthetic records, the same rows
 * on PostgreSQL and SQLite: one INSERT ... SELECT over a number series per
 * table, every field a pure function of the row number. */
import type { Knex } from 'knex';
import { AttemptCountStore } from '../../plugins/platform-backend/src/history/AttemptCountStore';
import { ResourceCountStore } from '../../plugins/platform-backend/src/history/ResourceCountStore';

export const DAY_MS = 86_400_000;
/** Share of the records per tenant: payments holds 40 %. */
export const TENANT_SHARES = [
  ['payments', 4],
  ['checkout', 2],
  ['search', 2],
  ['identity', 1],
  ['analytics', 1],
] as const;
export const KINDS = ['PostgreSQLInstance', 'Bucket', 'Cache', 'Application'];

export interface SeedOptions {
  attempts: number;
  /** Records spread over the year before `now`. */
  now: number;
}

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

/**
 * A pseudo-random integer in [0, modulo) from the row number `i` (modulo at
 * most 65536): bits 16..31 of a multiplicative hash, so that different salts
 * give independent values.
 */
const hash = (salt: number, modulo: number) =>
  `((((i * ${2654435761 + salt * 40503} + ${
    salt * 7919 + 12345
  }) % 4294967296) / 65536) % ${modulo})`;

function series(db: Knex, count: number): string {
  return isPostgres(db)
    ? `(SELECT CAST(g AS bigint) AS i FROM generate_series(0, ${
        count - 1
      }) AS g) s`
    : `(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${
        count - 1
      }) SELECT i FROM c) s`;
}

function tenantExpression(): string {
  const total = TENANT_SHARES.reduce((sum, [, share]) => sum + share, 0);
  let bound = 0;
  const cases = TENANT_SHARES.map(([tenant, share]) => {
    bound += share;
    return `WHEN ${hash(2, total)} < ${bound} THEN '${tenant}'`;
  });
  return `CASE ${cases.join(' ')} END`;
}

function kindExpression(): string {
  return `CASE ${KINDS.map(
    (k, n) => `WHEN ${hash(3, KINDS.length)} = ${n} THEN '${k}'`,
  ).join(' ')} END`;
}

/** Seeds attempts, one resource per attempt, and template runs. */
export async function seedHistory(
  db: Knex,
  options: SeedOptions,
): Promise<void> {
  const { attempts, now } = options;
  // Day, minute and millisecond separately: each stays within the hash's range.
  const start = `(${now} - 1 - ${hash(4, 365)} * ${DAY_MS} - ${hash(
    10,
    1440,
  )} * 60000 - ${hash(11, 60000)})`;
  const roll = hash(5, 100);
  const duration = `(20000 + ${hash(6, 900)} * 1000 + ${hash(12, 1000)})`;
  const bool = (expr: string) =>
    isPostgres(db) ? `(${expr})` : `(CASE WHEN ${expr} THEN 1 ELSE 0 END)`;
  const textOf = (expr: string) =>
    isPostgres(db) ? `CAST(${expr} AS text)` : `CAST(${expr} AS TEXT)`;

  await db.raw(`
    INSERT INTO platform_provisioning_attempts
      (cluster, uid, generation, kind, namespace, name, tenant, requested_by, created_via_portal,
       started_at, ready_at, duration_ms, failed_at, failure_reason, stuck_at, superseded_at, deleted_at,
       estimated, recorded_at)
    SELECT
      CASE i % 3 WHEN 0 THEN 'dev' WHEN 1 THEN 'prod-eu' ELSE 'prod-us' END,
      'uid-' || ${textOf(
        'i',
      )}, 1, ${kindExpression()}, 'tenant-' || ${tenantExpression()},
      'res-' || ${textOf(
        'i',
      )}, ${tenantExpression()}, 'user:default/ada', ${bool(
    `${hash(7, 10)} < 7`,
  )},
      ${start},
      CASE WHEN ${roll} < 85 THEN ${start} + ${duration} END,
      CASE WHEN ${roll} < 85 THEN ${duration} END,
      CASE WHEN ${roll} >= 85 AND ${roll} < 92 THEN ${start} + ${duration} END,
      CASE WHEN ${roll} >= 85 AND ${roll} < 92 THEN 'ReconcileError' END,
      CASE WHEN ${roll} >= 92 AND ${roll} < 94 THEN ${start} + 600000 END,
      CASE WHEN ${roll} >= 94 AND ${roll} < 96 THEN ${start} + 5000 END,
      CASE WHEN ${roll} >= 96 AND ${roll} < 97 THEN ${start} + 7000 END,
      ${bool(`${hash(8, 50)} = 0`)},
      ${start}
    FROM ${series(db, attempts)}`);

  await db.raw(`
    INSERT INTO platform_resources
      (cluster, uid, kind, namespace, name, tenant, generation, created_at, deleted_at,
       created_via_portal, first_seen_at, updated_at)
    SELECT cluster, uid, kind, namespace, name, tenant, generation, started_at,
      CASE WHEN id % 10 = 0 THEN started_at + ${30 * DAY_MS} END,
      created_via_portal, started_at, started_at
    FROM platform_provisioning_attempts`);

  const runs = Math.ceil(attempts / 10);
  await db.raw(`
    INSERT INTO platform_template_runs
      (task_id, template_ref, tenant, kind, outcome, started_at, finished_at, recorded_at)
    SELECT 'task-' || ${textOf(
      'i',
    )}, 'template:default/postgresql-instance', ${tenantExpression()},
      ${kindExpression()}, CASE WHEN ${hash(
    9,
    10,
  )} < 9 THEN 'succeeded' ELSE 'failed' END,
      ${start}, ${start} + 30000, ${start} + 30000
    FROM ${series(db, runs)}`);

  // The day rollups, as the migrations backfill them.
  await new ResourceCountStore(db).rebuild();
  await new AttemptCountStore(db).rebuild();

  if (isPostgres(db)) {
    // What autovacuum does on a live database: statistics and the visibility
    // map that lets the metrics queries scan only their covering index.
    await db.raw('VACUUM ANALYZE platform_provisioning_attempts');
    await db.raw('VACUUM ANALYZE platform_resources');
    await db.raw('VACUUM ANALYZE platform_template_runs');
    await db.raw('VACUUM ANALYZE platform_resource_counts');
    await db.raw('VACUUM ANALYZE platform_attempt_counts');
  } else {
    await db.raw('ANALYZE');
  }
}
