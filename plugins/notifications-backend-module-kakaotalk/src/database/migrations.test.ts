import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-notifications-backend-module-kakaotalk',
  'migrations',
);
// The table KakaoTalkStore.ts migrates with.
const tableName = 'notifications_module_kakaotalk__knex_migrations';

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

  it.each(databases.eachSupportedId())(
    'go up and down with rows in place on %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir, tableName });

      const token = {
        id: 'default',
        refresh_token: 'rotated-refresh-token',
        seed_hash: 'b'.repeat(64),
        updated_at: new Date('2026-11-18T00:00:00Z'),
      };
      await knex('kakaotalk_tokens').insert(token);
      // One sender: a second "default" row is refused.
      await expect(knex('kakaotalk_tokens').insert(token)).rejects.toThrow();
      await knex('kakaotalk_delivery_failures').insert({
        receivers: '["uuid-minsu"]',
        title: 'Build failed: shop/shop-backend #7',
        error: 'quota exceeded',
        attempts: 1,
        failed_at: new Date('2026-11-18T00:00:00Z'),
      });
      expect(
        await knex('kakaotalk_tokens').select('id', 'refresh_token'),
      ).toEqual([{ id: 'default', refresh_token: 'rotated-refresh-token' }]);

      await knex.migrate.rollback(
        { directory: migrationsDir, tableName },
        true,
      );
      expect(await knex.schema.hasTable('kakaotalk_tokens')).toBe(false);
      expect(await knex.schema.hasTable('kakaotalk_delivery_failures')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir, tableName });
      expect(await knex('kakaotalk_tokens')).toEqual([]);
    },
  );
});
