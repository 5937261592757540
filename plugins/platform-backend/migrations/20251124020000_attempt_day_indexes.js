// @ts-check

/**
 * Indexes that let the metrics aggregate attempts by tenant, UTC day and kind
 * while reading an index in order (no sort, no table access): the day is the
 * expression `started_at / 86400000` the queries group by. One leads with the
 * tenant (a tenant's metrics), one with the day (every tenant: scoreboard).
 * The earlier covering indexes on `started_at` are replaced; a plain
 * `(tenant, started_at)` index serves `GET /history`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';
  const figures = [
    'started_at',
    'duration_ms',
    'estimated',
    'ready_at',
    'failed_at',
    'superseded_at',
    'deleted_at',
    'stuck_at',
    'created_via_portal',
  ].join(', ');
  const day = '(started_at / 86400000)';
  await knex.raw('DROP INDEX platform_attempts_tenant_started_idx');
  await knex.raw('DROP INDEX platform_attempts_started_idx');
  await knex.raw(
    'CREATE INDEX platform_attempts_tenant_idx ON platform_provisioning_attempts (tenant, started_at)',
  );
  if (isPostgres) {
    await knex.raw(
      `CREATE INDEX platform_attempts_tenant_day_idx ON platform_provisioning_attempts (tenant, ${day}, kind) INCLUDE (${figures})`,
    );
    await knex.raw(
      `CREATE INDEX platform_attempts_day_idx ON platform_provisioning_attempts (${day}, tenant, kind) INCLUDE (${figures})`,
    );
  } else {
    await knex.raw(
      `CREATE INDEX platform_attempts_tenant_day_idx ON platform_provisioning_attempts (tenant, ${day}, kind, ${figures})`,
    );
    await knex.raw(
      `CREATE INDEX platform_attempts_day_idx ON platform_provisioning_attempts (${day}, tenant, kind, ${figures})`,
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const isPostgres = knex.client.config.client === 'pg';
  const figures = [
    'kind',
    'duration_ms',
    'estimated',
    'ready_at',
    'failed_at',
    'superseded_at',
    'deleted_at',
    'stuck_at',
    'created_via_portal',
  ].join(', ');
  await knex.raw('DROP INDEX platform_attempts_tenant_day_idx');
  await knex.raw('DROP INDEX platform_attempts_day_idx');
  await knex.raw('DROP INDEX platform_attempts_tenant_idx');
  await knex.raw(
    isPostgres
      ? `CREATE INDEX platform_attempts_tenant_started_idx ON platform_provisioning_attempts (tenant, started_at) INCLUDE (${figures})`
      : `CREATE INDEX platform_attempts_tenant_started_idx ON platform_provisioning_attempts (tenant, started_at, ${figures})`,
  );
  await knex.raw(
    isPostgres
      ? `CREATE INDEX platform_attempts_started_idx ON platform_provisioning_attempts (started_at) INCLUDE (tenant, ${figures})`
      : `CREATE INDEX platform_attempts_started_idx ON platform_provisioning_attempts (started_at, tenant, ${figures})`,
  );
};
