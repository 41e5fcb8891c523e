import { describeMigrations } from '@internal/backend-test-utils';

describeMigrations({
  packageName: '@internal/plugin-alerts-backend-module-argocd',
  tableName: 'alerts_module_argocd__knex_migrations',
  tables: ['argocd_application_alerts'],
  async withRows(knex) {
    await knex('argocd_application_alerts').insert({
      instance: 'dev-a',
      application: 'shop-backend',
      health_status: 'Degraded',
      degraded_since: new Date('2026-11-25T10:00:00Z'),
      degraded_alert_id: 'deployment.degraded:dev-a/shop-backend@x',
      updated_at: new Date('2026-11-25T10:00:00Z'),
    });
    // One row per application of an instance.
    await expect(
      knex('argocd_application_alerts').insert({
        instance: 'dev-a',
        application: 'shop-backend',
        health_status: 'Healthy',
        updated_at: new Date(),
      }),
    ).rejects.toThrow();
  },
});
