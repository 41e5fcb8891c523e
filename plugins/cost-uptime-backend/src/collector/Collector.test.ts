import { TestDatabases } from '@backstage/backend-test-utils';
import { billerOf, exampleAccount } from '@internal/sandbox/cost-explorer';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import {
  expectRollupsMatchFacts,
  ROLLUP_KEY_COLUMNS,
} from '../__testUtils__/rollups';
import { daysFrom, testStore } from '../__testUtils__/stores';
import type { JsonObject } from '@backstage/types';
import { testCollector } from '../__testUtils__/collector';
import { addDays } from '@internal/plugin-cost-uptime-common';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

const NOW = new Date('2026-11-20T12:30:00Z');
const ACCOUNT = billerOf(exampleAccount());

/** The days from `from` up to `toExclusive`. */
const dayRange = (from: string, toExclusive: string) =>
  daysFrom(from, addDays(toExclusive, -1));

/** What the stand-in bills for a tag value on a day, as the collector should store it. */
function expectedTotal(
  tagKey: string,
  tagValue: string,
  day: string,
  today: string,
) {
  const estimated =
    day >= DateTime.fromISO(today).minus({ days: 2 }).toISODate()!;
  const sum = ACCOUNT.amount(day, { [tagKey]: tagValue });
  return sum * (estimated ? 0.96 : 1);
}

async function snapshot(knex: Knex) {
  const out: Record<string, any[]> = {};
  const keys: Record<string, string[]> = {
    cost_daily: ['tag_key', 'day', 'tag_value', 'service'],
    ...ROLLUP_KEY_COLUMNS,
    cost_forecasts: ['month'],
  };
  for (const [table, order] of Object.entries(keys)) {
    out[table] = await knex(table).select().orderBy(order);
  }
  return out;
}

describe.each(databases.eachSupportedId())('Collector on %p', databaseId => {
  let knex: Knex;
  let store: DatabaseCostStore;
  let ce: Awaited<ReturnType<typeof startCostExplorer>>;
  let now: Date;
  const sleeps: number[] = [];

  beforeEach(async () => {
    ({ knex, store } = await testStore(databases, databaseId));
    now = NOW;
    ce = await startCostExplorer({ now: () => now });
    sleeps.length = 0;
  });

  afterEach(async () => {
    await ce.stop();
    await knex.destroy();
  });

  function collector(extra: JsonObject = {}) {
    return testCollector(
      {
        costExplorer: ce.config({
          backfillDays: 30,
          retryBaseDelayMs: 100,
          ...extra,
        }),
      },
      {
        store,
        now: () => now,
        sleep: async ms => {
          sleeps.push(ms);
        },
      },
    );
  }

  it('backfills every page of both tag keys and records the run', async () => {
    // environment: 25 groups a day (7 AWS services in each of the three
    // environments, 4 untagged), 4 days a page; service: 9 a day (the
    // cluster's lines untagged, RDS and S3 tagged), 11 days a page.
    ce.state.pageGroups = 100;
    const run = await collector().run('schedule');

    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    // 30 days: 8 pages by environment, 3 by service, plus one forecast.
    expect(run.costExplorerRequests).toBe(12);
    expect(ce.state.requests).toBe(12);
    expect(run.rowsWritten).toBe(30 * 25 + 30 * 9 + 1);

    const days = dayRange('2026-10-21', '2026-11-20');
    const totals = await store.totalsByDay({
      tagKey: 'environment',
      tagValue: 'prod',
      from: days[0],
      to: days[days.length - 1],
    });
    expect(totals.map(t => t.period)).toEqual(days);
    for (const t of totals) {
      expect(t.amount).toBeCloseTo(
        expectedTotal('environment', 'prod', t.period, '2026-11-20'),
        6,
      );
    }
    // The last two days are still Cost Explorer estimates.
    expect(totals.filter(t => t.estimated).map(t => t.period)).toEqual([
      '2026-11-18',
      '2026-11-19',
    ]);
    // Untagged cost is kept, under ''.
    const untagged = await store.sumsByKey({
      tagKey: 'environment',
      by: 'tag',
      from: days[0],
      to: days[29],
    });
    expect(untagged.find(u => u.key === '')?.amount).toBeGreaterThan(0);
    // Monthly rollup agrees with the daily facts.
    const nov = await store.monthly({
      tagKey: 'environment',
      fromMonth: '2026-11',
      toMonth: '2026-11',
      groupBy: 'tag',
      tagValue: 'prod',
    });
    const novDaily = totals
      .filter(t => t.period >= '2026-11-01')
      .reduce((a, t) => a + t.amount, 0);
    expect(nov.reduce((a, m) => a + m.amount, 0)).toBeCloseTo(novDaily, 6);
    expect(await store.forecast('2026-11')).toEqual({
      fromDay: '2026-11-20',
      amount: expect.any(Number),
    });
    // Every rollup, daily and monthly, equals the facts it summarises.
    expect(await expectRollupsMatchFacts(knex)).toBeGreaterThan(500);
  });

  it('fetches only new days plus the restatement window afterwards, and picks up restated days', async () => {
    await collector().run('schedule');
    const before = await snapshot(knex);

    // AWS restates 2026-11-18 (in the window) and 2026-11-10 (outside it).
    ce.state.adjust = { '2026-11-18': 1.1, '2026-11-10': 1.5 };
    ce.state.requests = 0;
    now = new Date('2026-11-21T12:30:00Z');
    const run = await collector().run('schedule');

    expect(run.status).toBe('succeeded');
    // One page per tag key and the forecast: a daily run costs USD 0.03.
    expect(run.costExplorerRequests).toBe(3);
    const totals = await store.totalsByDay({
      tagKey: 'environment',
      tagValue: 'prod',
      from: '2026-11-09',
      to: '2026-11-20',
    });
    const byDay = new Map(totals.map(t => [t.period, t]));
    // 2026-11-17 is no longer an estimate: now billed in full.
    expect(byDay.get('2026-11-17')!.estimated).toBe(false);
    expect(byDay.get('2026-11-17')!.amount).toBeCloseTo(
      expectedTotal('environment', 'prod', '2026-11-17', '2026-11-21'),
      6,
    );
    expect(byDay.get('2026-11-18')!.amount).toBeCloseTo(
      expectedTotal('environment', 'prod', '2026-11-18', '2026-11-21') * 1.1,
      6,
    );
    // Outside the restatement window: unchanged.
    const old = (before.cost_daily_totals as any[]).find(
      r =>
        r.tag_key === 'environment' &&
        r.tag_value === 'prod' &&
        r.day === '2026-11-10',
    );
    expect(byDay.get('2026-11-10')!.amount).toBeCloseTo(Number(old.amount), 9);
    expect(byDay.has('2026-11-20')).toBe(true);
    await expectRollupsMatchFacts(knex);
  });

  it('changes nothing when the same run is repeated', async () => {
    await collector().run('schedule');
    const first = await snapshot(knex);
    const again = await collector().run('schedule');
    expect(again.status).toBe('succeeded');
    const second = await snapshot(knex);
    expect(second.cost_daily).toEqual(first.cost_daily);
    expect(second.cost_monthly).toEqual(first.cost_monthly);
    expect(second.cost_daily_totals).toEqual(first.cost_daily_totals);
  });

  it('retries throttling with growing backoff and counts every request', async () => {
    ce.state.throttleNext = 3;
    const run = await collector().run('schedule');
    expect(run.status).toBe('succeeded');
    // 3 throttled + 1 page per tag key + forecast.
    expect(run.costExplorerRequests).toBe(3 + 3);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[2]).toBeGreaterThanOrEqual(200);
    expect(sleeps[2]).toBeGreaterThan(sleeps[0]);
  });

  it('gives up when throttling outlasts the attempts, leaving data as it was', async () => {
    await collector().run('schedule');
    const before = await snapshot(knex);
    ce.state.throttleNext = 100;
    now = new Date('2026-11-22T12:30:00Z');
    const run = await collector({ maxAttempts: 3 }).run('schedule');
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/LimitExceededException|Rate exceeded/);
    expect(run.costExplorerRequests).toBe(3);
    expect(await snapshot(knex)).toEqual(before);
  });

  it('leaves stored data unchanged when a run fails midway through the pages', async () => {
    await collector().run('schedule');
    const before = await snapshot(knex);

    ce.state.adjust = { '2026-11-19': 2 };
    ce.state.pageGroups = 40; // one day a page: the third page fails
    ce.state.failAfter = 2;
    now = new Date('2026-11-23T12:30:00Z');
    const run = await collector().run('schedule');

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/DataUnavailableException|not available/);
    expect(run.rowsWritten).toBe(0);
    expect(run.costExplorerRequests).toBe(3);
    expect(await snapshot(knex)).toEqual(before);
    await expectRollupsMatchFacts(knex);

    const runs = await store.listRuns(10);
    expect(runs.map(r => r.status)).toEqual(['failed', 'succeeded']);
    expect(runs[0].finishedAt).not.toBeNull();
  });
});
