import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  expectRollupsMatchFacts,
  rollupsFromFacts,
} from '../__testUtils__/rollups';

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
  it('20261125213000_cost_rollups fills the new rollups from stored data, and goes down and up', async () => {
    const knex = await databases.init(databaseId);
    await migrateUpOnce(knex);
    // Data as the first version stored it: facts and its three rollups.
    const facts = [];
    for (const day of ['2026-09-30', '2026-10-01', '2026-10-02']) {
      for (const [tagValue, estimated] of [
        ['dev-a', false],
        ['', day === '2026-10-02'],
      ] as const) {
        for (const service of ['Amazon EC2', 'Amazon S3']) {
          facts.push({
            tag_key: 'environment',
            day,
            tag_value: tagValue,
            service,
            amount: 1.25 + facts.length * 0.5,
            estimated,
          });
        }
      }
    }
    await knex('cost_daily').insert(facts);
    const old = await rollupsFromFacts(knex);
    const rowsOf = (
      map: Map<string, { amount: number; estimated: boolean }>,
      columns: string[],
    ) =>
      [...map].map(([key, agg]) => ({
        ...Object.fromEntries(key.split('|').map((v, i) => [columns[i], v])),
        amount: agg.amount,
        estimated: agg.estimated,
      }));
    await knex('cost_daily_totals').insert(
      rowsOf(old.cost_daily_totals, ['tag_key', 'day', 'tag_value']),
    );
    await knex('cost_daily_services').insert(
      rowsOf(old.cost_daily_services, ['tag_key', 'day', 'service']),
    );
    await knex('cost_monthly').insert(
      rowsOf(old.cost_monthly, ['tag_key', 'month', 'tag_value', 'service']),
    );

    await migrateUpOnce(knex);
    // Old: 6 daily totals, 6 daily services, 8 monthly; new: 3 days overall,
    // 4 monthly totals, 4 monthly services, 6 month-to-date rows.
    expect(await knex('cost_daily_overall').count({ n: '*' })).toEqual([
      { n: 3 },
    ]);
    expect(await expectRollupsMatchFacts(knex)).toBe(6 + 6 + 3 + 8 + 4 + 4 + 6);

    await migrateDownOnce(knex);
    for (const table of [
      'cost_daily_overall',
      'cost_monthly_totals',
      'cost_monthly_services',
      'cost_month_to_date',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    // The first migration's data is untouched, and its indexes are as before.
    expect(await knex('cost_daily').count({ n: '*' })).toEqual([{ n: 12 }]);
    expect(await knex('cost_daily_totals').count({ n: '*' })).toEqual([
      { n: 6 },
    ]);

    await migrateUpOnce(knex);
    await expectRollupsMatchFacts(knex);
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
    await migrateUpOnce(knex); // 20261125213000_cost_rollups
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

  it('20261203120000_cost_allocation stores cents exactly, keeps one row per key, and goes down and up', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    await migrateDownOnce(knex); // 20261203140000_run_warnings, tested below
    await knex('cost_daily').insert({
      tag_key: 'environment',
      day: '2026-12-01',
      tag_value: 'prod',
      service: 'EC2 - Other',
      amount: 3,
      estimated: false,
    });
    const day = {
      environment: 'e'.repeat(191),
      day: '2026-12-01',
      // Beyond 2^31 cents: a year of a large account still fits.
      billed_cents: 3_000_000_000_01,
      shared_cents: 1_000_000_000_00,
      idle_cents: 1,
      source: 'metrics',
      estimated: true,
      computed_at: '2026-12-02T06:00:00.000Z',
    };
    await knex('cost_allocation_days').insert(day);
    await expect(knex('cost_allocation_days').insert(day)).rejects.toThrow();
    const service = {
      environment: day.environment,
      day: day.day,
      service: 's'.repeat(191),
      allocated_cents: 2_000_000_000_00,
      cpu_request_core_hours: 12.5,
      cpu_usage_core_hours: 3.25,
      memory_request_gib_hours: 24,
      memory_usage_gib_hours: 20.5,
      rightsizing_saving_cents: 42,
    };
    await knex('cost_allocation_services').insert(service);
    await expect(
      knex('cost_allocation_services').insert(service),
    ).rejects.toThrow();
    const [stored] = await knex('cost_allocation_days').select();
    expect(Number(stored.billed_cents)).toBe(3_000_000_000_01);
    expect(Boolean(stored.estimated)).toBe(true);

    // Down drops both tables and nothing else.
    await migrateDownOnce(knex);
    expect(await knex.schema.hasTable('cost_allocation_days')).toBe(false);
    expect(await knex.schema.hasTable('cost_allocation_services')).toBe(false);
    expect(await knex('cost_daily').count({ n: '*' })).toEqual([{ n: 1 }]);
    await migrateUpOnce(knex);
    expect(await knex('cost_allocation_days').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
    await knex.destroy();
  });

  it('20261203140000_run_warnings keeps the runs in place, up and down', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    await migrateDownOnce(knex);
    await knex('collection_runs').insert({
      trigger: 'schedule',
      status: 'partial',
      started_at: '2026-12-03T00:00:00.000Z',
      error: 'Prometheus dev-a: ECONNREFUSED',
      rows_written: 1,
      cost_explorer_requests: 1,
    });
    await migrateUpOnce(knex);
    const [before] = await knex('collection_runs').select();
    expect(before.warnings).toBeNull();
    expect(before.error).toBe('Prometheus dev-a: ECONNREFUSED');
    const warnings = JSON.stringify([
      { code: 'prometheus-failed', source: 'prometheus', message: 'x' },
    ]);
    await knex('collection_runs').update({ warnings });
    expect((await knex('collection_runs').first()).warnings).toBe(warnings);
    await migrateDownOnce(knex);
    expect(await knex.schema.hasColumn('collection_runs', 'warnings')).toBe(
      false,
    );
    expect(await knex('collection_runs').count({ n: '*' })).toEqual([{ n: 1 }]);
    await knex.destroy();
  });
});
