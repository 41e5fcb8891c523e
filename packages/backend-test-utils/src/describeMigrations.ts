import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

/** What a package's migration round trip needs to know. */
export interface MigrationRoundTrip {
  /** The package whose `migrations` folder is run. */
  packageName: string;
  /** The knex migrations table the package migrates with, when not knex's default. */
  tableName?: string;
  /** Every table the migrations create: gone after a full rollback, empty after going up again. */
  tables: string[];
  /** Writes rows (and checks the constraints that matter) once the migrations are up. */
  withRows(knex: Knex): Promise<void>;
}

/**
 * Declares the `migrations` test of a package: on SQLite and on MariaDB
 * (TestDatabases id `MYSQL_8`), the migrations go up, take rows, roll all the
 * way back with those rows in place, and go up again to empty tables.
 */
export function describeMigrations(spec: MigrationRoundTrip): void {
  const config: Knex.MigratorConfig = {
    directory: resolvePackagePath(spec.packageName, 'migrations'),
    ...(spec.tableName ? { tableName: spec.tableName } : {}),
  };

  describe('migrations', () => {
    jest.setTimeout(60_000);
    const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

    it.each(databases.eachSupportedId())(
      'go up and down with rows in place on %p',
      async id => {
        const knex = await databases.init(id);
        await knex.migrate.latest(config);
        await spec.withRows(knex);

        await knex.migrate.rollback(config, true);
        for (const table of spec.tables) {
          expect(await knex.schema.hasTable(table)).toBe(false);
        }
        await knex.migrate.latest(config);
        for (const table of spec.tables) {
          expect(await knex(table)).toEqual([]);
        }
      },
    );
  });
}
