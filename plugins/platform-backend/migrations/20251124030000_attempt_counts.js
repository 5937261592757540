// @ts-check

/**
 * An exact rollup of provisioning attempts: per tenant, kind and UTC day of
 * the start, the counts by outcome and the observed provisioning times. Kept
 * in the same transaction as every change of `platform_provisioning_attempts`,
 * so that metrics over long windows read one row per tenant, kind and day;
 * only the partial days at a window's edges are read from the attempts.
 * Backfilled from the attempts already recorded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_attempt_counts', table => {
    table.comment('Provisioning attempts per tenant, kind and UTC day of their start');
    table.string('tenant', 253).notNullable().comment("'' for attempts without a tenant");
    table.string('kind', 253).notNullable();
    table.bigInteger('day').notNullable().comment('floor(started_at / 86400000)');
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('ready').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.integer('in_flight').notNullable().defaultTo(0);
    table.integer('stuck').notNullable().defaultTo(0);
    table.integer('ready_via_portal').notNullable().defaultTo(0);
    table
      .text('durations')
      .notNullable()
      .defaultTo('')
      .comment('provisioning times (ms) of the observed Ready attempts, comma-separated, any order');
    table.primary(['tenant', 'kind', 'day']);
    table.index(['day'], 'platform_attempt_counts_day_idx');
  });
  const isPostgres = knex.client.config.client === 'pg';
  const durations = isPostgres
    ? `COALESCE(string_agg(CASE WHEN duration_ms IS NOT NULL AND NOT estimated THEN CAST(duration_ms AS text) END, ','), '')`
    : `COALESCE(group_concat(CASE WHEN duration_ms IS NOT NULL AND NOT estimated THEN duration_ms END, ','), '')`;
  const open =
    'ready_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL AND deleted_at IS NULL';
  await knex.raw(`
    INSERT INTO platform_attempt_counts
      (tenant, kind, day, attempts, ready, failed, in_flight, stuck, ready_via_portal, durations)
    SELECT COALESCE(tenant, ''), kind, started_at / 86400000,
           COUNT(*),
           SUM(CASE WHEN ready_at IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN ready_at IS NULL AND failed_at IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN ${open} AND stuck_at IS NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN ${open} AND stuck_at IS NOT NULL THEN 1 ELSE 0 END),
           SUM(CASE WHEN ready_at IS NOT NULL AND created_via_portal THEN 1 ELSE 0 END),
           ${durations}
    FROM platform_provisioning_attempts
    GROUP BY COALESCE(tenant, ''), kind, started_at / 86400000`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_attempt_counts');
};
