import { describeMigrations } from '@internal/backend-test-utils';

const degraded = {
  instance: 'dev-a',
  application: 'shop-backend',
  health_status: 'Degraded',
  degraded_since: new Date('2026-11-25T10:00:00Z'),
  degraded_alert_id: 'deployment.degraded:dev-a/shop-backend@x',
  updated_at: new Date('2026-11-25T10:00:00Z'),
};

describeMigrations({
  packageName: '@internal/plugin-alerts-backend-module-argocd',
  tableName: 'alerts_module_argocd__knex_migrations',
  rows: { argocd_application_alerts: [degraded] },
  // One row per application of an instance.
  refused: {
    argocd_application_alerts: { ...degraded, health_status: 'Healthy' },
  },
});
