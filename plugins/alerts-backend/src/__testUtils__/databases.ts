import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';

const MYSQL_ENV = 'BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING';

/**
 * Databases for store tests: SQLite always, and MySQL (MariaDB here) when
 * `BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING` is set.
 *
 * Why not only `TestDatabases` for MYSQL_8: in this release it refuses a
 * connection string without a password (`Missing username/password`), and
 * a developer's own string may well be the machine's password-less root
 * (`mysql://root@127.0.0.1:3306`); ./portal test itself passes a
 * per-checkout user with a password (scripts/services.sh). So the MySQL
 * database is made here the way TestDatabases would: a fresh, randomly named
 * database per test, dropped at the end.
 */
export function testDatabases() {
  const sqlite = TestDatabases.create({ ids: ['SQLITE_3'] });
  const created: { admin: Knex; name: string; knex: Knex }[] = [];
  const connectionString = process.env[MYSQL_ENV];

  const ids: string[] = ['SQLITE_3'];
  if (connectionString) ids.push('MYSQL_8');

  async function init(id: string): Promise<Knex> {
    if (id === 'SQLITE_3') return sqlite.init('SQLITE_3');
    const url = new URL(connectionString!);
    const connection = {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
    const admin = knexFactory({
      client: 'mysql2',
      connection,
      pool: { min: 0, max: 1 },
    });
    const name = `alerts_${randomBytes(8).toString('hex')}`;
    await admin.raw('CREATE DATABASE ??', [name]);
    const knex = knexFactory({
      client: 'mysql2',
      connection: { ...connection, database: name },
      pool: { min: 0, max: 10 },
    });
    created.push({ admin, name, knex });
    return knex;
  }

  afterAll(async () => {
    for (const { admin, name, knex } of created) {
      await knex.destroy();
      await admin.raw('DROP DATABASE ??', [name]);
      await admin.destroy();
    }
  });

  return { ids, init };
}
