// @ts-check

/**
 * An exact rollup of resource lifetimes: per tenant, kind, created-via-portal
 * flag and UTC day, how many resources were created and deleted. Maintained
 * in the same transaction as every change of `platform_resources`, so that
 * instance counts at any instant read a few rows per day instead of every
 * resource ever created. Backfilled from the resources already recorded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('platform_resource_counts', table => {
    table.comment(
      'Resources created and deleted per tenant, kind, portal flag and UTC day',
    );
    table
      .string('tenant', 253)
      .notNullable()
      .comment("'' for resources without a tenant");
    table.string('kind', 253).notNullable();
    table.boolean('created_via_portal').notNullable();
    table.bigInteger('day').notNullable().comment('floor(epoch ms / 86400000)');
    table.integer('created').notNullable().defaultTo(0);
    table.integer('deleted').notNullable().defaultTo(0);
    table.primary(['tenant', 'kind', 'created_via_portal', 'day']);
  });
  await knex.raw(`
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
    GROUP BY tenant, kind, created_via_portal, day`);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_resource_counts');
};
