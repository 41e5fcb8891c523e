import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-notifications-backend-module-slack-alerts',
  'migrations',
);
// The table SlackStore.ts migrates with.
const tableName = 'notifications_module_slack_alerts__knex_migrations';

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

  it.each(databases.eachSupportedId())(
    'go up and down with rows in place on %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir, tableName });

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

      await knex.migrate.rollback(
        { directory: migrationsDir, tableName },
        true,
      );
      expect(await knex.schema.hasTable('slack_delivery_failures')).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir, tableName });
      expect(await knex('slack_delivery_failures')).toEqual([]);
    },
  );
});
