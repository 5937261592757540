// @ts-check

/**
 * Provisioning times of estimated attempts (resources found already Ready by
 * a list) count in the percentiles: the rollup's `durations` of every day are
 * recomputed from the attempts, estimated ones included. Attempts of a later
 * generation first found by a list have no known start, so no provisioning
 * time: theirs is cleared first. `down` restores both.
 *
 * @param {import('knex').Knex} knex
 * @param {boolean} includeEstimated
 */
async function recomputeDurations(knex, includeEstimated) {
  const isPostgres = knex.client.config.client === 'pg';
  const when = includeEstimated
    ? 'a.duration_ms IS NOT NULL'
    : 'a.duration_ms IS NOT NULL AND NOT a.estimated';
  const aggregate = isPostgres
    ? `COALESCE(string_agg(CASE WHEN ${when} THEN CAST(a.duration_ms AS text) END, ','), '')`
    : `COALESCE(group_concat(CASE WHEN ${when} THEN a.duration_ms END, ','), '')`;
  await knex.raw(`
    UPDATE platform_attempt_counts
    SET durations = (
      SELECT ${aggregate}
      FROM platform_provisioning_attempts a
      WHERE COALESCE(a.tenant, '') = platform_attempt_counts.tenant
        AND a.kind = platform_attempt_counts.kind
        AND a.started_at / 86400000 = platform_attempt_counts.day
    )`);
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('platform_provisioning_attempts')
    .where('estimated', true)
    .where('generation', '>', 1)
    .whereNotNull('ready_at')
    .update({ duration_ms: null });
  await recomputeDurations(knex, true);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('platform_provisioning_attempts')
    .where('estimated', true)
    .where('generation', '>', 1)
    .whereNotNull('ready_at')
    .update({ duration_ms: knex.raw('ready_at - started_at') });
  await recomputeDurations(knex, false);
};
