import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-alerts-backend-module-argocd',
  'migrations',
);
const tableName = 'alerts_module_argocd__knex_migrations';

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

  it.each(databases.eachSupportedId())(
    'go up and down with rows in place on %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir, tableName });

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

      await knex.migrate.rollback(
        { directory: migrationsDir, tableName },
        true,
      );
      expect(await knex.schema.hasTable('argocd_application_alerts')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir, tableName });
      expect(await knex('argocd_application_alerts')).toEqual([]);
    },
  );
});
