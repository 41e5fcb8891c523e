// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slack_delivery_failures', table => {
    table.comment('Slack messages given up on, for people to look at');
    table.increments('id');
    table.string('channel', 255).notNullable();
    table.text('title').notNullable();
    table.text('error').notNullable();
    table.integer('attempts').notNullable();
    table.timestamp('failed_at').notNullable().index();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slack_delivery_failures');
};
