import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { addDays, dayRange } from '@internal/plugin-cost-uptime-common';
import knexFactory, { type Knex } from 'knex';
import { DatabaseCostStore } from '../database/DatabaseCostStore';

/** The plugin's tables on `knex` and the store on them. */
function storeOn(knex: Knex) {
  return DatabaseCostStore.create({
    database: mockServices.database({ knex }),
  });
}

/** A fresh test database of `id` with the plugin's tables: its knex and the store. */
export async function testStore(databases: TestDatabases, id: TestDatabaseId) {
  const knex = await databases.init(id);
  return { knex, store: await storeOn(knex) };
}

/** An in-memory SQLite database with the plugin's tables: its knex and the store. */
export async function memoryStore() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  return { knex, store: await storeOn(knex) };
}

/** The days `from` to `to`, both included (YYYY-MM-DD). */
export function daysFrom(from: string, to: string): string[] {
  return Array.from({ length: dayRange(from, to).days }, (_, i) =>
    addDays(from, i),
  );
}

/**
 * A fresh test database of `id` with the plugin's tables for each test of
 * the enclosing block (destroyed after it): `knex` and `store` are set
 * before each test.
 */
export function eachTestStore(databases: TestDatabases, id: TestDatabaseId) {
  const db = {} as { knex: Knex; store: DatabaseCostStore };
  beforeEach(async () => {
    Object.assign(db, await testStore(databases, id));
  });
  afterEach(async () => {
    await db.knex.destroy();
  });
  return db;
}
