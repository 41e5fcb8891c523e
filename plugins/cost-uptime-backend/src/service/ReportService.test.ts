import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import knexFactory, { type Knex } from 'knex';
import { readCostUptimeOptions } from '../config';
import type { CostRow } from '../database/CostStore';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { ReportService } from './ReportService';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
// Total over the four days: env-0 largest, env-5 smallest.
const ENVS = ['env-0', 'env-1', 'env-2', 'env-3', 'env-4', 'env-5'];

describe('ReportService series with top', () => {
  let knex: Knex;
  let report: ReportService;

  beforeAll(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const rows: CostRow[] = [];
    for (const [d, day] of DAYS.entries()) {
      for (const [e, tagValue] of ENVS.entries()) {
        for (const service of ['Amazon EC2', 'Amazon S3', 'AWS Lambda']) {
          if (tagValue === 'env-4' && d === 0) continue; // not there that day
          rows.push({
            tagKey: 'environment',
            day,
            tagValue,
            service,
            amount: (60 - e * 10) * (service === 'AWS Lambda' ? 0.1 : 1) + d,
            estimated: day === '2026-11-19' && tagValue === 'env-5',
          });
        }
      }
    }
    await store.write({
      costs: [{ tagKey: 'environment', from: DAYS[0], to: '2026-11-20', rows }],
      usage: [],
      sli: [],
      estimates: [],
    });
    report = new ReportService(
      store,
      readCostUptimeOptions(
        new ConfigReader({
          costUptime: { costExplorer: { tagKeys: ['environment'] } },
        }),
      ),
      { list: async () => [] },
      () => NOW,
    );
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
      groupBy: 'service',
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
