// @ts-check

/**
 * The environments plugin's record of each environment's lifecycle state and
 * of every pipeline run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments_state', table => {
    // No apostrophes in comments: knex does not escape table comments for MySQL.
    table.comment('The current lifecycle state of each environment');
    table
      .string('name', 63)
      .primary()
      .comment(
        'The environment name (a DNS label), also its catalog entity name',
      );
    table
      .string('state', 16)
      .notNullable()
      .comment(
        'requested, provisioning, ready, updating, destroying, destroyed or failed',
      );
    table
      .timestamp('updated_at', { precision: 3 })
      .notNullable()
      .comment(
        'When the state last changed (the clock of the portal, not of the database)',
      );
    table
      .string('updated_by', 255)
      .notNullable()
      .comment(
        'Entity ref of who caused the change, or expiry for the expiry task',
      );
  });
  await knex.schema.createTable('environments_runs', table => {
    table.comment(
      'Every pipeline run of an environment (create, update, extend, destroy), kept after the environment is destroyed',
    );
    table.increments('id').comment('Run id');
    table.string('environment', 63).notNullable().comment('Environment name');
    table
      .string('operation', 16)
      .notNullable()
      .comment('What was asked: create, update, extend or destroy');
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('Entity ref of the person, or expiry for the expiry task');
    table.timestamp('requested_at', { precision: 3 }).notNullable();
    table.integer('build_number').nullable().comment('Jenkins build number');
    table.text('build_url').nullable().comment('Jenkins build URL');
    table
      .string('result', 16)
      .nullable()
      .comment(
        'Jenkins result (SUCCESS, FAILURE, ...); null while the run is open',
      );
    table
      .string('git_commit', 40)
      .nullable()
      .comment('The IaC commit the run built or made');
    table.timestamp('finished_at', { precision: 3 }).nullable();
    table
      .string('open_key', 63)
      .nullable()
      .unique('environments_runs_one_open_idx')
      .comment(
        'The environment name while the run is open, null once finished: the unique index lets each environment have one open run (null repeats on SQLite, MySQL and PostgreSQL)',
      );
    table.index(['environment', 'requested_at'], 'environments_runs_env_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environments_runs');
  await knex.schema.dropTable('environments_state');
};
