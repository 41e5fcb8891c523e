// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alerts_events', table => {
    table.comment(
      'Every alert event raised; the primary key makes each event go out once, across restarts and replicas',
    );
    table
      .string('key', 64)
      .primary()
      .comment('sha256 of the event id (given by the raiser or derived)');
    table.text('event_id').notNullable();
    table.string('type', 64).notNullable();
    table
      .string('burst_key', 512)
      .notNullable()
      .comment('Events grouped together');
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'pending, sent, grouped (waiting for a digest), digested, failed',
      );
    table.text('event').notNullable().comment('The event as raised, JSON');
    table.text('error').nullable();
    table.timestamp('created_at', { precision: 3 }).notNullable();
    table.timestamp('sent_at', { precision: 3 }).nullable();
    table.index(['burst_key', 'status'], 'alerts_events_burst_idx');
    table.index(['created_at'], 'alerts_events_created_idx');
  });
  await knex.schema.createTable('alerts_webhook_deliveries', table => {
    table.comment('Delivery ids of signed webhook posts, to refuse replays');
    table.string('delivery_id', 128).primary();
    table.string('source', 32).notNullable();
    table.timestamp('received_at').notNullable().index();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alerts_webhook_deliveries');
  await knex.schema.dropTable('alerts_events');
};
