// @ts-check

/**
 * What the Argo CD alerts module remembers between polls, per application
 * of each Argo CD instance. Argo CD's Application has no field saying when
 * its health turned Degraded, so the module notes the first poll that saw
 * it; that time is part of the alert id, which makes one alert per
 * degradation (and a new one after a recovery). The ids last raised save
 * the alerts backend a duplicate raise every poll.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('argocd_application_alerts', table => {
    table.comment(
      'Per Argo CD application: its last seen health and the alerts raised for it',
    );
    table
      .string('instance', 255)
      .notNullable()
      .comment('Argo CD instance name from argocd.appLocatorMethods');
    table
      .string('application', 255)
      .notNullable()
      .comment('metadata.name of the Application');
    table
      .string('health_status', 32)
      .notNullable()
      .comment('status.health.status at the last poll');
    table
      .timestamp('degraded_since')
      .nullable()
      .comment(
        'First poll that saw the current degradation; null when not Degraded',
      );
    table
      .string('degraded_alert_id', 1000)
      .nullable()
      .comment(
        'Id of the deployment.degraded alert raised for this degradation',
      );
    table
      .string('sync_failed_alert_id', 1000)
      .nullable()
      .comment('Id of the last deployment.sync-failed alert raised');
    table.timestamp('updated_at').notNullable();
    table.primary(['instance', 'application']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('argocd_application_alerts');
};
