/*
 * Cost and uptime storage.
 *
 * Raw facts (`cost_daily`, `usage_hourly`, `sli_hourly`) are written by the
 * collector; the rollups (`cost_daily_totals`, `cost_daily_services`,
 * `cost_monthly`, `usage_daily`, `sli_daily`) are recomputed for the days a
 * run touched, inside the same transaction, so dashboard queries read small
 * tables and never see a half-written run.
 *
 * Days and hours are stored as ISO strings (YYYY-MM-DD, YYYY-MM-DDTHH): they
 * sort correctly and mean the same on MariaDB and SQLite (billing days are
 * UTC days). Key columns are at most 191 characters so composite primary keys
 * fit InnoDB's limit with utf8mb4.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('collection_runs', table => {
    table.comment(
      'One row per collection run, scheduled or triggered by an admin',
    );
    table.increments('id').primary();
    table.string('trigger', 16).notNullable().comment('schedule or manual');
    table
      .string('status', 16)
      .notNullable()
      .comment('running, succeeded or failed');
    table.string('started_at', 32).notNullable().comment('ISO timestamp');
    table.string('finished_at', 32).nullable().comment('ISO timestamp');
    table.text('error').nullable().comment('Why the run failed');
    table.integer('rows_written').notNullable().defaultTo(0);
    table
      .integer('cost_explorer_requests')
      .notNullable()
      .defaultTo(0)
      .comment('Cost Explorer API calls, pages included (USD 0.01 each)');
    table.integer('prometheus_requests').notNullable().defaultTo(0);
    table.index(['started_at'], 'collection_runs_started_at_idx');
  });

  await knex.schema.createTable('cost_daily', table => {
    table.comment(
      'Cost Explorer GetCostAndUsage DAILY, per tag value and AWS service',
    );
    table
      .string('tag_key', 64)
      .notNullable()
      .comment('Cost-allocation tag key, e.g. environment');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .string('tag_value', 191)
      .notNullable()
      .comment("Tag value; '' is untagged cost");
    table.string('service', 191).notNullable().comment('AWS SERVICE dimension');
    table.double('amount').notNullable().comment('USD');
    table
      .boolean('estimated')
      .notNullable()
      .defaultTo(false)
      .comment('AWS may still restate it');
    table.primary(['tag_key', 'day', 'tag_value', 'service']);
    // One entity's cost by service (entity card, filtered series).
    table.index(['tag_key', 'tag_value', 'day'], 'cost_daily_tag_value_idx');
  });

  await knex.schema.createTable('cost_daily_totals', table => {
    table.comment('Rollup of cost_daily: per day and tag value');
    table.string('tag_key', 64).notNullable();
    table.string('day', 10).notNullable();
    table.string('tag_value', 191).notNullable();
    table.double('amount').notNullable();
    table.boolean('estimated').notNullable().defaultTo(false);
    table.primary(['tag_key', 'day', 'tag_value']);
  });

  await knex.schema.createTable('cost_daily_services', table => {
    table.comment(
      'Rollup of cost_daily: per day and AWS service (all tag values of one key)',
    );
    table.string('tag_key', 64).notNullable();
    table.string('day', 10).notNullable();
    table.string('service', 191).notNullable();
    table.double('amount').notNullable();
    table.boolean('estimated').notNullable().defaultTo(false);
    table.primary(['tag_key', 'day', 'service']);
  });

  await knex.schema.createTable('cost_monthly', table => {
    table.comment('Rollup of cost_daily: per month, tag value and AWS service');
    table.string('tag_key', 64).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('tag_value', 191).notNullable();
    table.string('service', 191).notNullable();
    table.double('amount').notNullable();
    table.boolean('estimated').notNullable().defaultTo(false);
    table.primary(['tag_key', 'month', 'tag_value', 'service']);
  });

  await knex.schema.createTable('cost_forecasts', table => {
    table.comment('GetCostForecast for the rest of a month (account total)');
    table.string('month', 7).primary().comment('YYYY-MM');
    table.string('from_day', 10).notNullable().comment('First forecast day');
    table
      .double('amount')
      .notNullable()
      .comment('USD from from_day to month end');
    table.string('fetched_at', 32).notNullable();
  });

  await knex.schema.createTable('cost_estimate_hourly', table => {
    table.comment(
      'Near-real-time estimate per environment: nodes x price + EKS + EBS',
    );
    table.string('environment', 191).notNullable();
    table.string('hour', 13).notNullable().comment('YYYY-MM-DDTHH (UTC)');
    table.double('nodes').notNullable();
    table.double('pv_gb').notNullable();
    table.double('amount').notNullable().comment('USD for that hour');
    table.primary(['environment', 'hour']);
  });

  await knex.schema.createTable('usage_hourly', table => {
    table.comment('Prometheus usage per environment, one sample per hour');
    table.string('environment', 191).notNullable();
    table
      .string('metric', 32)
      .notNullable()
      .comment('cpu_percent, memory_percent, ...');
    table.string('hour', 13).notNullable().comment('YYYY-MM-DDTHH (UTC)');
    table.double('value').notNullable();
    table.primary(['environment', 'metric', 'hour']);
  });

  await knex.schema.createTable('usage_daily', table => {
    table.comment('Rollup of usage_hourly: daily average');
    table.string('environment', 191).notNullable();
    table.string('metric', 32).notNullable();
    table.string('day', 10).notNullable();
    table.double('value').notNullable();
    table.integer('samples').notNullable();
    table.primary(['environment', 'metric', 'day']);
  });

  await knex.schema.createTable('sli_hourly', table => {
    table.comment(
      'Availability SLI per service and environment, one value per hour (0..1)',
    );
    table
      .string('sli_key', 191)
      .notNullable()
      .comment('Service tag value / Prometheus job');
    table.string('environment', 191).notNullable();
    table.string('hour', 13).notNullable();
    table.double('value').notNullable();
    table.primary(['sli_key', 'environment', 'hour']);
  });

  await knex.schema.createTable('sli_daily', table => {
    table.comment('Rollup of sli_hourly: daily average and hours with data');
    table.string('sli_key', 191).notNullable();
    table.string('environment', 191).notNullable();
    table.string('day', 10).notNullable();
    table.double('value').notNullable();
    table.integer('hours').notNullable();
    table.primary(['sli_key', 'environment', 'day']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'sli_daily',
    'sli_hourly',
    'usage_daily',
    'usage_hourly',
    'cost_estimate_hourly',
    'cost_forecasts',
    'cost_monthly',
    'cost_daily_services',
    'cost_daily_totals',
    'cost_daily',
    'collection_runs',
  ]) {
    await knex.schema.dropTable(table);
  }
};
