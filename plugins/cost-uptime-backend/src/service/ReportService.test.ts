import { type Knex } from 'knex';
import type { CostRow } from '../database/CostStore';
import { ReportService } from './ReportService';
import { memoryStore } from '../__testUtils__/stores';
import { testReport } from '../__testUtils__/reports';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
// Total over the four days: env-0 largest, env-5 smallest.
const ENVS = ['env-0', 'env-1', 'env-2', 'env-3', 'env-4', 'env-5'];

/** A report on an in-memory database holding `rows` (by environment) from `from` to the 19th. */
async function reportOver(from: string, rows: CostRow[]) {
  const { knex, store } = await memoryStore();
  await store.write({
    costs: [{ tagKey: 'environment', from, to: '2026-11-20', rows }],
    usage: [],
    sli: [],
    estimates: [],
  });
  return { knex, report: testReport(store, NOW) };
}

describe('ReportService series with top', () => {
  let knex: Knex;
  let report: ReportService;

  beforeAll(async () => {
    const rows: CostRow[] = [];
    for (const [d, day] of DAYS.entries()) {
      for (const [e, tagValue] of ENVS.entries()) {
        for (const service of ['Amazon EC2', 'Amazon S3', 'AWS Lambda']) {
          if (tagValue === 'env-4' && d === 0) continue; // not there that day
          rows.push({
            tagKey: 'environment',
            day,
            tagValue,
            awsService: service,
            amount: (60 - e * 10) * (service === 'AWS Lambda' ? 0.1 : 1) + d,
            estimated: day === '2026-11-19' && tagValue === 'env-5',
          });
        }
      }
    }
    ({ knex, report } = await reportOver(DAYS[0], rows));
  });

  afterAll(async () => {
    await knex.destroy();
  });

  const query = {
    granularity: 'day' as const,
    groupBy: 'environment' as const,
    from: DAYS[0],
    to: DAYS[3],
  };

  it('keeps the biggest keys as they were and sums the rest per day as Other', async () => {
    const all = await report.series(query);
    const top = await report.series({ ...query, top: 3 });

    expect(all.other).toBeUndefined();
    expect(top.other).toEqual({ key: '#other', count: 3 });
    expect(top.keys.map(k => k.key)).toEqual([
      'env-0',
      'env-1',
      'env-2',
      '#other',
    ]);
    expect(top.keys[3].title).toBe('Other');
    const kept = new Set(['env-0', 'env-1', 'env-2']);
    expect(top.points.filter(p => kept.has(p.key))).toEqual(
      all.points.filter(p => kept.has(p.key)),
    );
    const other = top.points.filter(p => p.key === '#other');
    expect(other.map(p => p.period)).toEqual(DAYS);
    for (const o of other) {
      const rest = all.points.filter(
        p => p.period === o.period && !kept.has(p.key),
      );
      expect(o.amount).toBeCloseTo(
        rest.reduce((a, p) => a + p.amount, 0),
        2,
      );
      // Estimated when any folded key is (env-5 on the 19th).
      expect(o.estimated).toBe(rest.some(p => p.estimated));
    }
    expect(other.map(p => p.estimated)).toEqual([false, false, false, true]);
    // Nothing lost: the same total either way.
    const sum = (s: typeof all) => s.points.reduce((a, p) => a + p.amount, 0);
    expect(sum(top)).toBeCloseTo(sum(all), 2);
  });

  it('answers in full when there are no more keys than asked for', async () => {
    const all = await report.series(query);
    expect(await report.series({ ...query, top: 6 })).toEqual(all);
    const byService = await report.series({
      ...query,
      groupBy: 'awsService',
      top: 2,
    });
    expect(byService.keys.map(k => k.key)).toEqual([
      'Amazon EC2',
      'Amazon S3',
      '#other',
    ]);
    expect(byService.other).toEqual({ key: '#other', count: 1 });
  });
});

describe('ReportService summary', () => {
  let knex: Knex;
  let report: ReportService;
  const rows: CostRow[] = [];

  beforeAll(async () => {
    for (let d = 0; d < 50; d++) {
      const day = new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
      for (const [e, tagValue] of ['prod', 'dev-a', '', 'old'].entries()) {
        // 'old' ends on 10 October: only in last month's figures.
        if (tagValue === 'old' && day > '2026-10-10') continue;
        for (const [s, service] of ['Amazon EC2', 'Amazon S3'].entries()) {
          rows.push({
            tagKey: 'environment',
            day,
            tagValue,
            awsService: service,
            amount: 10 + e * 3.3333 + s * 1.25 + ((d * 7 + e) % 5) * 0.77,
            estimated: false,
          });
        }
      }
    }
    ({ knex, report } = await reportOver('2026-10-01', rows));
  });

  afterAll(async () => {
    await knex.destroy();
  });

  const money = (n: number) => Math.round(n * 100) / 100;
  function sums(by: 'tagValue' | 'awsService', from: string, to: string) {
    const out = new Map<string, number>();
    for (const r of rows)
      if (r.day >= from && r.day <= to)
        out.set(r[by], (out.get(r[by]) ?? 0) + r.amount);
    return out;
  }

  it('breaks this month down against the same days of last month, as the facts add up', async () => {
    const s = await report.summary();
    for (const [by, list] of [
      ['tagValue', s.byEnvironment],
      ['awsService', s.byAwsService],
    ] as const) {
      const now = sums(by, '2026-11-01', '2026-11-19');
      const before = sums(by, '2026-10-01', '2026-10-19');
      expect(list.map(r => [r.key, r.amount, r.previousAmount]).sort()).toEqual(
        [...new Set([...now.keys(), ...before.keys()])]
          .map(k => [k, money(now.get(k) ?? 0), money(before.get(k) ?? 0)])
          .sort(),
      );
    }
    expect(s.byEnvironment.find(r => r.key === 'old')).toMatchObject({
      amount: 0,
      previousAmount: money(
        sums('tagValue', '2026-10-01', '2026-10-10').get('old')!,
      ),
    });
    const all = (from: string, to: string) =>
      [...sums('awsService', from, to).values()].reduce((a, b) => a + b, 0);
    expect(s.lastMonth).toBe(money(all('2026-10-01', '2026-10-31')));
    expect(s.previousMonthToDate).toBe(money(all('2026-10-01', '2026-10-19')));
    expect(s.trend.map(t => t.period)[0]).toBe('2026-10-21');
    expect(s.trend).toHaveLength(30);
  });

  it('names the biggest movers of the last 7 days against the 7 before', async () => {
    const s = await report.summary();
    const expected = [];
    for (const [dimension, by] of [
      ['environment', 'tagValue'],
      ['awsService', 'awsService'],
    ] as const) {
      const now = sums(by, '2026-11-13', '2026-11-19');
      const before = sums(by, '2026-11-06', '2026-11-12');
      for (const key of new Set([...now.keys(), ...before.keys()])) {
        const a = money(now.get(key) ?? 0);
        const b = money(before.get(key) ?? 0);
        expected.push({ dimension, key, amount: a, previousAmount: b });
      }
    }
    expect(s.movers).toHaveLength(Math.min(6, expected.length));
    for (const m of s.movers) {
      expect(expected).toContainEqual({
        dimension: m.dimension,
        key: m.key,
        amount: m.amount,
        previousAmount: m.previousAmount,
      });
    }
    // Largest absolute change first.
    const deltas = s.movers.map(m => Math.abs(m.delta));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
  });
});
