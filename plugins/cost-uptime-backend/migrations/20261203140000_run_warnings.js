/*
 * Structured warnings of a collection run (a Prometheus server that could
 * not be read, an allocation that failed, alerts that could not be raised),
 * so readers tell them apart by code instead of searching the error text.
 * Runs recorded before this column have none; their text stays in `error`.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('collection_runs', table => {
    table
      .text('warnings')
      .nullable()
      .comment(
        'JSON array of {code, source, environment?, message}; null: none or recorded before',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('collection_runs', table => {
    table.dropColumn('warnings');
  });
};
