import knexFactory, { type Knex } from 'knex';

/**
 * Creates the database `name` afresh (dropped first if there) on the MariaDB
 * of BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING; answers a knex on it
 * and the server's connection settings.
 */
export async function createBenchDatabase(
  name: string,
  pool?: Knex.PoolConfig,
) {
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING!,
  );
  const conn = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  const admin = knexFactory({ client: 'mysql2', connection: conn });
  await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const knex = knexFactory({
    client: 'mysql2',
    connection: { ...conn, database: name },
    ...(pool ? { pool } : {}),
  });
  return { knex, conn };
}
