// @ts-check

/**
 * Provisioning history: platform resources, provisioning attempts per
 * (cluster, uid, generation) and scaffolder template runs. Every time is epoch
 * milliseconds (bigint), so the same integer arithmetic works on PostgreSQL
 * and SQLite; docs/metrics.md shows the queries.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const isPostgres = knex.client.config.client === 'pg';

  await knex.schema.createTable('platform_resources', table => {
    table.comment(
      'Platform resources seen by the informers, one row per object',
    );
    table.string('cluster', 253).notNullable();
    table.string('uid', 64).notNullable();
    table.string('kind', 253).notNullable();
    table.string('namespace', 253).nullable();
    table.string('name', 253).notNullable();
    table
      .string('tenant', 253)
      .nullable()
      .comment('Group name from the namespace mapping');
    table.bigInteger('generation').notNullable();
    table
      .bigInteger('created_at')
      .notNullable()
      .comment('metadata.creationTimestamp, epoch ms');
    table
      .bigInteger('deleted_at')
      .nullable()
      .comment('When the object was seen deleted, epoch ms');
    table.boolean('created_via_portal').notNullable().defaultTo(false);
    table.text('requested_by').nullable();
    table.text('template_ref').nullable();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['cluster', 'uid']);
    table.index(
      ['tenant', 'created_at'],
      'platform_resources_tenant_created_idx',
    );
    table.index(
      ['tenant', 'deleted_at'],
      'platform_resources_tenant_deleted_idx',
    );
    table.index(['created_at'], 'platform_resources_created_idx');
    table.index(['deleted_at'], 'platform_resources_deleted_idx');
  });

  await knex.schema.createTable('platform_provisioning_attempts', table => {
    table.comment('One row per resource generation that needed reconciling');
    table.bigIncrements('id').primary();
    table.string('cluster', 253).notNullable();
    table.string('uid', 64).notNullable();
    table.bigInteger('generation').notNullable();
    table.string('kind', 253).notNullable();
    table.string('namespace', 253).nullable();
    table.string('name', 253).notNullable();
    table.string('tenant', 253).nullable();
    table.text('requested_by').nullable();
    table.boolean('created_via_portal').notNullable().defaultTo(false);
    table.bigInteger('started_at').notNullable().comment('epoch ms');
    table
      .bigInteger('ready_at')
      .nullable()
      .comment('first Ready, never overwritten');
    table.bigInteger('duration_ms').nullable().comment('ready_at - started_at');
    table.bigInteger('failed_at').nullable();
    table.string('failure_reason', 253).nullable();
    table.text('failure_message').nullable();
    table
      .bigInteger('stuck_at')
      .nullable()
      .comment('started_at + SLO, set by the stuck check');
    table.bigInteger('superseded_at').nullable();
    table.bigInteger('deleted_at').nullable();
    table.boolean('estimated').notNullable().defaultTo(false);
    table.bigInteger('recorded_at').notNullable();
    table.unique(['cluster', 'uid', 'generation'], {
      indexName: 'platform_attempts_identity_uniq',
    });
  });

  const figureColumns = [
    'kind',
    'duration_ms',
    'estimated',
    'ready_at',
    'failed_at',
    'superseded_at',
    'deleted_at',
    'stuck_at',
    'created_via_portal',
  ];
  const open =
    'ready_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL AND deleted_at IS NULL AND stuck_at IS NULL';
  if (isPostgres) {
    // Covering indexes: the metrics queries are index-only scans.
    await knex.raw(
      `CREATE INDEX platform_attempts_tenant_started_idx ON platform_provisioning_attempts (tenant, started_at) INCLUDE (${figureColumns.join(
        ', ',
      )})`,
    );
    await knex.raw(
      `CREATE INDEX platform_attempts_started_idx ON platform_provisioning_attempts (started_at) INCLUDE (tenant, ${figureColumns.join(
        ', ',
      )})`,
    );
  } else {
    await knex.raw(
      `CREATE INDEX platform_attempts_tenant_started_idx ON platform_provisioning_attempts (tenant, started_at, ${figureColumns.join(
        ', ',
      )})`,
    );
    await knex.raw(
      `CREATE INDEX platform_attempts_started_idx ON platform_provisioning_attempts (started_at, tenant, ${figureColumns.join(
        ', ',
      )})`,
    );
  }
  await knex.raw(
    `CREATE INDEX platform_attempts_open_idx ON platform_provisioning_attempts (started_at) WHERE ${open}`,
  );

  await knex.schema.createTable('platform_template_runs', table => {
    table.comment(
      'Scaffolder runs of platform templates, reported by the actions',
    );
    table.string('task_id', 255).primary().notNullable();
    table.string('template_ref', 255).notNullable();
    table.string('tenant', 253).notNullable();
    table.string('kind', 253).notNullable();
    table.string('outcome', 16).notNullable().comment('succeeded | failed');
    table.text('reason').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.bigInteger('recorded_at').notNullable();
    table.index(['finished_at'], 'platform_template_runs_finished_idx');
    table.index(['tenant', 'finished_at'], 'platform_template_runs_tenant_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('platform_template_runs');
  await knex.schema.dropTable('platform_provisioning_attempts');
  await knex.schema.dropTable('platform_resources');
};
