import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@internal/plugin-cost-uptime-backend',
  'migrations',
);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('20261125120000_init goes up and down with rows in place', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpOnce(knex);

    await knex('collection_runs').insert({
      trigger: 'schedule',
      status: 'succeeded',
      started_at: '2026-11-25T00:00:00.000Z',
      rows_written: 1,
      cost_explorer_requests: 3,
    });
    await knex('cost_daily').insert({
      tag_key: 'environment',
      day: '2026-11-24',
      tag_value: 'x'.repeat(191),
      service: 'y'.repeat(191),
      amount: 12.5,
      estimated: true,
    });
    // The composite key is unique: a second identical row is refused.
    await expect(
      knex('cost_daily').insert({
        tag_key: 'environment',
        day: '2026-11-24',
        tag_value: 'x'.repeat(191),
        service: 'y'.repeat(191),
        amount: 1,
        estimated: false,
      }),
    ).rejects.toThrow();
    await knex('usage_hourly').insert({
      environment: 'dev-a',
      metric: 'nodes',
      hour: '2026-11-24T10',
      value: 3,
    });
    expect(await knex('cost_daily').count({ n: '*' })).toEqual([{ n: 1 }]);

    await migrateDownOnce(knex);
    expect(await knex.schema.hasTable('cost_daily')).toBe(false);
    expect(await knex.schema.hasTable('collection_runs')).toBe(false);

    await migrateUpOnce(knex);
    expect(await knex.schema.hasTable('sli_daily')).toBe(true);
    await knex.destroy();
  });

  it('20261125220000_service_environment_cost goes up and down with rows in place', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpOnce(knex);
    await knex('cost_daily').insert({
      tag_key: 'service',
      day: '2026-11-24',
      tag_value: 'shop-backend',
      service: 'EC2 - Other',
      amount: 3,
      estimated: false,
    });
    await migrateUpOnce(knex);

    const row = {
      day: '2026-11-24',
      service: 's'.repeat(191),
      environment: 'e'.repeat(191),
      amount: 4.25,
      estimated: true,
    };
    await knex('cost_service_environment_daily').insert(row);
    await expect(
      knex('cost_service_environment_daily').insert({ ...row, amount: 1 }),
    ).rejects.toThrow();

    // Down removes only the new table; the earlier data stays.
    await migrateDownOnce(knex);
    expect(await knex.schema.hasTable('cost_service_environment_daily')).toBe(
      false,
    );
    expect(await knex('cost_daily').count({ n: '*' })).toEqual([{ n: 1 }]);
    await migrateUpOnce(knex);
    expect(await knex.schema.hasTable('cost_service_environment_daily')).toBe(
      true,
    );
    await knex.destroy();
  });
});
