import { describeMigrations } from '@internal/backend-test-utils';

describeMigrations({
  packageName: '@internal/plugin-notifications-backend-module-slack-alerts',
  // The table SlackStore.ts migrates with.
  tableName: 'notifications_module_slack_alerts__knex_migrations',
  rows: {
    slack_delivery_failures: [
      {
        channel: '#dev-alerts',
        title: 'Build failed: shop/shop-backend #7',
        error: 'ratelimited',
        attempts: 5,
        failed_at: new Date('2026-11-18T00:00:00Z'),
      },
    ],
  },
});
