import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The database client of a module that keeps its tables in its plugin's
 * database. The module's migrations (the `migrations` folder of
 * `packageName`) run with a migrations table of their own, since the
 * plugin's database has one already; not when the backend skips migrations.
 */
export async function migratedModuleDatabase(
  database: DatabaseService,
  migrations: { packageName: string; tableName: string },
): Promise<Knex> {
  const db = await database.getClient();
  if (!database.migrations?.skip) {
    await db.migrate.latest({
      directory: resolvePackagePath(migrations.packageName, 'migrations'),
      tableName: migrations.tableName,
    });
  }
  return db;
}
