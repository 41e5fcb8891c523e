/*
 * More cost rollups, so the dashboard's answers read a few hundred rows
 * instead of tens of thousands once there are hundreds of entities:
 *
 * - `cost_daily_overall`: one row per day and tag key, the whole account's
 *   cost (every tag value, untagged included). The summary's month-to-date,
 *   last month and trend come from here instead of summing 500 tag values a
 *   day.
 * - `cost_monthly_totals` / `cost_monthly_services`: per month and tag value,
 *   and per month and AWS service. The 12-month series and the summary's
 *   per-entity month to date read these instead of grouping `cost_monthly`
 *   (tag value x service) at query time.
 * - `cost_month_to_date`: per tag value, its cost from the 1st of the month
 *   through each stored day of that month (and on how many days it had
 *   cost). A sum over days d1..d2 of one month is then the row at d2 minus
 *   the row before d1: two rows per tag value instead of one a day. The
 *   summary's "same days of last month" and its two 7-day windows read this.
 *   Rows go on after a tag value's last cost day (same sums), so a tag
 *   value's row exists on every stored day of the month from its first one.
 *
 * Like the existing rollups they are rewritten for the days a collection run
 * touched, inside the run's transaction (DatabaseCostStore.replaceCosts).
 * This migration fills them from the rollups already stored, so data
 * collected before it keeps answering.
 *
 * Two indexes serve one entity's page (tag value fixed, days or months in a
 * range): the existing keys start with (tag_key, day|month), which would scan
 * every tag value of the range.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_daily_overall', table => {
    table.comment(
      'Rollup of cost_daily: per day, all tag values of one key (the account total)',
    );
    table.string('tag_key', 64).notNullable();
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.double('amount').notNullable().comment('USD');
    table
      .boolean('estimated')
      .notNullable()
      .defaultTo(false)
      .comment('Some of the day is still estimated by AWS');
    // With these two counts a series that shows the biggest tag values and
    // folds the rest into "Other" (total minus the shown ones) knows whether
    // "Other" has cost that day and whether it is estimated, without reading
    // the hundreds of folded tag values.
    table
      .integer('tag_values')
      .notNullable()
      .defaultTo(0)
      .comment('How many tag values have cost that day');
    table
      .integer('estimated_tag_values')
      .notNullable()
      .defaultTo(0)
      .comment('How many tag values have an estimated amount that day');
    table.primary(['tag_key', 'day']);
  });

  await knex.schema.createTable('cost_monthly_totals', table => {
    table.comment('Rollup of cost_daily: per month and tag value');
    table.string('tag_key', 64).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table
      .string('tag_value', 191)
      .notNullable()
      .comment("Tag value; '' is untagged cost");
    table.double('amount').notNullable().comment('USD');
    table.boolean('estimated').notNullable().defaultTo(false);
    table.primary(['tag_key', 'month', 'tag_value']);
    table.index(
      ['tag_key', 'tag_value', 'month'],
      'cost_monthly_totals_tag_value_idx',
    );
  });

  await knex.schema.createTable('cost_monthly_services', table => {
    table.comment(
      'Rollup of cost_daily: per month and AWS service (all tag values of one key)',
    );
    table.string('tag_key', 64).notNullable();
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('service', 191).notNullable().comment('AWS SERVICE dimension');
    table.double('amount').notNullable().comment('USD');
    table.boolean('estimated').notNullable().defaultTo(false);
    table.primary(['tag_key', 'month', 'service']);
  });

  await knex.schema.createTable('cost_month_to_date', table => {
    table.comment(
      'Rollup of cost_daily_totals: per tag value, cost from the 1st of the month through each stored day',
    );
    table.string('tag_key', 64).notNullable();
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.string('tag_value', 191).notNullable();
    table
      .double('amount')
      .notNullable()
      .comment('USD from the 1st of the month through day');
    table
      .integer('days')
      .notNullable()
      .comment(
        'Days with cost from the 1st through day: tells a tag value without cost in a range from one with 0',
      );
    table.primary(['tag_key', 'day', 'tag_value']);
  });

  // One entity's daily totals and its monthly cost by service.
  await knex.schema.alterTable('cost_daily_totals', table => {
    table.index(
      ['tag_key', 'tag_value', 'day'],
      'cost_daily_totals_tag_value_idx',
    );
  });
  await knex.schema.alterTable('cost_monthly', table => {
    table.index(
      ['tag_key', 'tag_value', 'month'],
      'cost_monthly_tag_value_idx',
    );
  });

  // Fill from the rollups already stored (the same sums as from the facts,
  // and far fewer rows to read).
  await knex.raw(
    `INSERT INTO cost_daily_overall
       (tag_key, day, amount, estimated, tag_values, estimated_tag_values)
     SELECT tag_key, day, SUM(amount), MAX(estimated), COUNT(*), SUM(estimated)
     FROM cost_daily_totals GROUP BY tag_key, day`,
  );
  await knex.raw(
    `INSERT INTO cost_monthly_totals (tag_key, month, tag_value, amount, estimated)
     SELECT tag_key, substr(day, 1, 7), tag_value, SUM(amount), MAX(estimated)
     FROM cost_daily_totals GROUP BY tag_key, substr(day, 1, 7), tag_value`,
  );
  await knex.raw(
    `INSERT INTO cost_monthly_services (tag_key, month, service, amount, estimated)
     SELECT tag_key, substr(day, 1, 7), service, SUM(amount), MAX(estimated)
     FROM cost_daily_services GROUP BY tag_key, substr(day, 1, 7), service`,
  );
  // Every stored day (d) x the tag values' days of the same month up to it.
  await knex.raw(
    `INSERT INTO cost_month_to_date (tag_key, day, tag_value, amount, days)
     SELECT d.tag_key, d.day, t.tag_value, SUM(t.amount), COUNT(*)
     FROM cost_daily_overall d
     JOIN cost_daily_totals t
       ON t.tag_key = d.tag_key
      AND t.day <= d.day
      AND t.day >= ${monthStartOf(knex, 'd.day')}
     GROUP BY d.tag_key, d.day, t.tag_value`,
  );
};

/**
 * SQL for the first day of the month of a YYYY-MM-DD column.
 *
 * @param {import('knex').Knex} knex
 * @param {string} column
 */
function monthStartOf(knex, column) {
  return String(knex.client.config.client).includes('mysql')
    ? `CONCAT(SUBSTR(${column}, 1, 7), '-01')`
    : `(SUBSTR(${column}, 1, 7) || '-01')`;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cost_monthly', table => {
    table.dropIndex(
      ['tag_key', 'tag_value', 'month'],
      'cost_monthly_tag_value_idx',
    );
  });
  await knex.schema.alterTable('cost_daily_totals', table => {
    table.dropIndex(
      ['tag_key', 'tag_value', 'day'],
      'cost_daily_totals_tag_value_idx',
    );
  });
  await knex.schema.dropTable('cost_month_to_date');
  await knex.schema.dropTable('cost_monthly_services');
  await knex.schema.dropTable('cost_monthly_totals');
  await knex.schema.dropTable('cost_daily_overall');
};
