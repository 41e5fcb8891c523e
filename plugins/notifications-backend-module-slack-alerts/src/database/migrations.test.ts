import { describeMigrations } from '@internal/backend-test-utils';

describeMigrations({
  packageName: '@internal/plugin-notifications-backend-module-slack-alerts',
  // The table SlackStore.ts migrates with.
  tableName: 'notifications_module_slack_alerts__knex_migrations',
  tables: ['slack_delivery_failures'],
  async withRows(knex) {
    await knex('slack_delivery_failures').insert({
      channel: '#dev-alerts',
      title: 'Build failed: shop/shop-backend #7',
      error: 'ratelimited',
      attempts: 5,
      failed_at: new Date('2026-11-18T00:00:00Z'),
    });
    expect(
      await knex('slack_delivery_failures').select('id', 'channel'),
    ).toEqual([{ id: 1, channel: '#dev-alerts' }]);
  },
});
