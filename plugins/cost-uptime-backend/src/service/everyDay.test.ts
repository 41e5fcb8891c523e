/*
 * The summary and the cost alerts on every day of 2027 and of the leap year
 * 2028, against a store holding the stand-in's example billing data from
 * October 2026 on: the figures must add up to the stored days they cover,
 * stay finite, keep month so far <= forecast <= a plausible bound, and give a
 * comparison whenever the earlier period is stored.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  addDays,
  billingPeriods,
  dayRange,
  daysInMonth,
  type CostSummary,
  type DayRange,
} from '@internal/plugin-cost-uptime-common';
import {
  SIMPLE_MODEL,
  dailyCost,
  type DailyCostModel,
} from '@internal/sandbox/cost-explorer';
import { type Knex } from 'knex';
import { CostAlertDetector } from '../alerting/CostAlertDetector';
import { readCostUptimeOptions } from '../config';
import type { CostRow } from '../database/CostStore';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import type { CostEntity } from './EntityDirectory';
import { ReportService } from './ReportService';
import { memoryStore } from '../__testUtils__/stores';
import { RecordingAlerts } from '../__testUtils__/alerts';

jest.setTimeout(600_000);

const MODEL: DailyCostModel = {
  tags: { environment: SIMPLE_MODEL.tags.environment },
  services: {
    'Amazon Elastic Compute Cloud - Compute': 0.7,
    'Amazon Relational Database Service': 0.3,
  },
};
const ENVIRONMENTS = Object.keys(MODEL.tags.environment);
const SERVICES = Object.keys(MODEL.services);
const STORED_FROM = '2026-10-01';
const STORED_TO = '2028-12-31';

function eachDay(r: DayRange): string[] {
  return Array.from({ length: r.days }, (_, i) => addDays(r.from, i));
}

/** Per day, the cost of each environment. */
const byDay = new Map<string, Map<string, number>>();
for (const day of eachDay(dayRange(STORED_FROM, STORED_TO))) {
  const envs = new Map<string, number>();
  for (const env of ENVIRONMENTS) {
    let amount = 0;
    for (const s of SERVICES)
      amount += dailyCost(MODEL, 'environment', env, s, day);
    envs.set(env, amount);
  }
  byDay.set(day, envs);
}
const dayTotal = (day: string, env?: string) =>
  [...(byDay.get(day) ?? new Map<string, number>())]
    .filter(([e]) => env === undefined || e === env)
    .reduce((a, [, v]) => a + v, 0);
const MAX_DAY = Math.max(...[...byDay.keys()].map(d => dayTotal(d)));
/** Stored cost over a range, of all environments or one. */
const stored = (r: DayRange, env?: string) =>
  eachDay(r).reduce((a, d) => a + dayTotal(d, env), 0);

/** Every finite number in a JSON value, or the path of the first that is not. */
function firstNonFinite(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : path;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = firstNonFinite(v, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

const SWEEP = eachDay(dayRange('2027-01-01', '2028-12-31'));

describe('every day of 2027 and 2028', () => {
  let knex: Knex;
  let store: DatabaseCostStore;
  let now = new Date();
  const options = readCostUptimeOptions(
    new ConfigReader({
      costUptime: {
        costExplorer: { tagKeys: ['environment'] },
        alerts: { budgets: { prod: 6000, staging: 100000 } },
      },
    }),
  );

  beforeAll(async () => {
    ({ knex, store } = await memoryStore());
    const rows: CostRow[] = [];
    for (const day of byDay.keys())
      for (const tagValue of ENVIRONMENTS)
        for (const service of SERVICES)
          rows.push({
            tagKey: 'environment',
            day,
            tagValue,
            awsService: service,
            amount: dailyCost(MODEL, 'environment', tagValue, service, day),
            estimated: false,
          });
    await store.write({
      costs: [
        {
          tagKey: 'environment',
          from: STORED_FROM,
          to: addDays(STORED_TO, 1),
          rows,
        },
      ],
      usage: [],
      sli: [],
      estimates: [],
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('the summary adds up, stays in bounds and compares whenever it can', async () => {
    const report = new ReportService(
      store,
      options,
      { list: async () => [] },
      () => now,
    );
    const problems: string[] = [];
    const check = (day: string, ok: boolean, what: string) => {
      if (!ok) problems.push(`${day}: ${what}`);
    };
    for (const day of SWEEP) {
      now = new Date(`${day}T10:00:00Z`);
      const s: CostSummary = await report.summary();
      const p = billingPeriods(now, STORED_TO);
      const near = (a: number, b: number) => Math.abs(a - b) <= 0.02;
      check(
        day,
        firstNonFinite(s) === undefined,
        `${firstNonFinite(s)} not finite`,
      );
      check(day, s.asOf === day, 'asOf');
      check(day, JSON.stringify(s.periods) === JSON.stringify(p), 'periods');
      check(day, p.billed.days === Number(day.slice(8)) - 1, 'billed days');
      check(day, near(s.billedToDate, stored(p.billed)), 'billed so far');
      check(day, near(s.lastMonth, stored(p.lastMonth)), 'last month');
      check(
        day,
        p.sameDaysLastMonth.days ===
          Math.min(p.billed.days, daysInMonth(p.lastMonth.from)),
        'same days clamp',
      );
      check(
        day,
        near(s.previousMonthToDate, stored(p.sameDaysLastMonth)),
        'same days last month',
      );
      check(day, s.monthToDate.amount <= s.forecast.amount, 'mtd <= forecast');
      check(
        day,
        s.forecast.amount <= MAX_DAY * p.thisMonth.days + 0.01,
        `forecast ${s.forecast.amount} over the bound`,
      );
      check(day, s.forecast.amount > 0, 'forecast > 0');
      if (p.billed.days > 0) {
        check(day, s.change !== null, 'change missing');
        check(day, s.periods.breakdown.kind === 'month-to-date', 'kind');
      } else {
        check(day, s.change === null, 'change without billed days');
        check(
          day,
          s.periods.breakdown.kind === 'last-month',
          'kind on the 1st',
        );
      }
      check(day, s.byEnvironment.length === ENVIRONMENTS.length, 'by env');
      check(day, s.byAwsService.length === SERVICES.length, 'by service');
      check(
        day,
        s.byEnvironment.every(r => r.change !== null),
        'breakdown change missing',
      );
      check(
        day,
        near(
          s.byEnvironment.reduce((a, r) => a + r.amount, 0),
          stored(p.breakdown.current),
        ),
        'breakdown sums to its period',
      );
      check(day, s.movers.length > 0, 'movers');
    }
    expect(problems).toEqual([]);
  });

  it('the cost alerts cover the month of the last billed day, with finite figures', async () => {
    const entities: CostEntity[] = [
      {
        entityRef: 'resource:default/prod',
        title: 'prod',
        tagKey: 'environment',
        tagValue: 'prod',
        sli: 'up',
      },
    ];
    const alerts = new RecordingAlerts();
    const detector = new CostAlertDetector({
      store,
      options: { ...options, alerts: options.alerts! },
      alerts,
      entities: { list: async () => entities },
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    const problems: string[] = [];
    const budgetMonths = new Set<string>();
    const forecastMonths = new Set<string>();
    for (const day of SWEEP) {
      now = new Date(`${day}T10:00:00Z`);
      alerts.events = [];
      await detector.detect();
      const lastBilled = addDays(day, -1);
      for (const e of alerts.events) {
        const bad = firstNonFinite(e);
        if (bad) problems.push(`${day}: ${e.id} ${bad}`);
        if (e.type === 'cost.over-budget') {
          budgetMonths.add(e.month);
          if (e.forecast) forecastMonths.add(e.month);
          if (e.month !== lastBilled.slice(0, 7))
            problems.push(`${day}: budget month ${e.month}`);
          const soFar = stored(
            dayRange(`${e.month}-01`, lastBilled),
            e.environment,
          );
          if (!e.forecast && e.amount + 0.01 < e.budget)
            problems.push(`${day}: over budget below it`);
          if (e.forecast && e.amount + 0.01 < soFar)
            problems.push(`${day}: forecast ${e.amount} below ${soFar}`);
        }
        if (
          e.type === 'cost.untagged' &&
          e.periodLabel !== lastBilled.slice(0, 7)
        )
          problems.push(`${day}: untagged month ${e.periodLabel}`);
      }
    }
    expect(problems).toEqual([]);
    // prod's ~7000 a month passes its budget of 6000 in every month whose
    // days the sweep bills (December 2026, from 1 January, to December
    // 2028), warned by forecast first in all but December 2026.
    expect(budgetMonths.size).toBe(25);
    expect(forecastMonths.size).toBe(24);
  });
});
