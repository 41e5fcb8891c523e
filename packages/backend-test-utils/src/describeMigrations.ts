/* eslint-disable jest/no-export -- a helper that declares tests for the test files that call it */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

type Row = Record<string, unknown>;

/** What a package's migration round trip needs to know. */
export interface MigrationRoundTrip {
  /** The package whose `migrations` folder is run. */
  packageName: string;
  /** The knex migrations table the package migrates with, when not knex's default. */
  tableName?: string;
  /**
   * Rows to write once the migrations are up, by table, in order. Every
   * table the migrations create is listed: each must hold its rows, be gone
   * after a full rollback, and be empty after going up again.
   */
  rows: Record<string, Row[]>;
  /** A row each table must refuse once `rows` are in (its unique keys). */
  refused?: Record<string, Row>;
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
  const tables = Object.keys(spec.rows);

  describe('migrations', () => {
    jest.setTimeout(60_000);
    const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

    it.each(databases.eachSupportedId())(
      'go up and down with rows in place on %p',
      async id => {
        const knex = await databases.init(id);
        await knex.migrate.latest(config);
        for (const table of tables) {
          await knex(table).insert(spec.rows[table]);
          expect(await knex(table).count({ n: '*' })).toEqual([
            { n: spec.rows[table].length },
          ]);
        }
        for (const [table, row] of Object.entries(spec.refused ?? {})) {
          await expect(knex(table).insert(row)).rejects.toThrow();
        }

        await knex.migrate.rollback(config, true);
        for (const table of tables) {
          expect(await knex.schema.hasTable(table)).toBe(false);
        }
        await knex.migrate.latest(config);
        for (const table of tables) {
          expect(await knex(table)).toEqual([]);
        }
      },
    );
  });
}
