// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kakaotalk_tokens', table => {
    table.comment(
      'The Kakao refresh token in use: Kakao rotates it, so the newest one must survive restarts',
    );
    table.string('id', 64).primary().comment('Always "default": one sender');
    table.text('refresh_token').notNullable();
    table
      .string('seed_hash', 64)
      .notNullable()
      .comment('sha256 of the configured refresh token this one descends from');
    table.timestamp('updated_at').notNullable();
  });
  await knex.schema.createTable('kakaotalk_delivery_failures', table => {
    table.comment('KakaoTalk messages given up on, for people to look at');
    table.increments('id');
    table
      .text('receivers')
      .notNullable()
      .comment('JSON array of uuids or "me"');
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
  await knex.schema.dropTable('kakaotalk_delivery_failures');
  await knex.schema.dropTable('kakaotalk_tokens');
};
