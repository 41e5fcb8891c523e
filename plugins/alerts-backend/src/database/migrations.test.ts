import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-alerts-backend',
  'migrations',
);

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

  it.each(databases.eachSupportedId())(
    'go up and down with rows in place on %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir });

      const event = {
        key: 'a'.repeat(64),
        event_id: 'build-7',
        type: 'pipeline.build',
        burst_key: 'component:default/shop-backend',
        status: 'pending',
        event: '{}',
        created_at: new Date('2026-11-18T00:00:00Z'),
      };
      await knex('alerts_events').insert(event);
      // The key makes each event go out once.
      await expect(knex('alerts_events').insert(event)).rejects.toThrow();
      await knex('alerts_webhook_deliveries').insert({
        delivery_id: 'delivery-1',
        source: 'jenkins',
        received_at: new Date('2026-11-18T00:00:00Z'),
      });
      expect(await knex('alerts_events').select('event_id', 'status')).toEqual([
        { event_id: 'build-7', status: 'pending' },
      ]);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await knex.schema.hasTable('alerts_events')).toBe(false);
      expect(await knex.schema.hasTable('alerts_webhook_deliveries')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('alerts_events')).toEqual([]);
    },
  );
});
