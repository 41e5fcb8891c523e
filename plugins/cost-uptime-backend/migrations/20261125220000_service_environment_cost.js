/*
 * Cost of each service in each environment: Cost Explorer grouped by both
 * cost-allocation tags (`service` and `environment`), daily, for the
 * services' Deployments card (cost per environment of one service). Only
 * fetched with costUptime.costExplorer.serviceByEnvironment; a run replaces
 * the days it fetched (this month so far).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_service_environment_daily', table => {
    table.comment(
      'Cost Explorer GetCostAndUsage DAILY grouped by the service and environment tags',
    );
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .string('service', 191)
      .notNullable()
      .comment("Value of the service tag; '' is untagged cost");
    table
      .string('environment', 191)
      .notNullable()
      .comment("Value of the environment tag; '' is untagged cost");
    table.double('amount').notNullable().comment('USD');
    table
      .boolean('estimated')
      .notNullable()
      .defaultTo(false)
      .comment('AWS may still restate it');
    table.primary(['day', 'service', 'environment']);
    // One service's month (the card's query).
    table.index(['service', 'day'], 'cost_service_environment_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_service_environment_daily');
};
