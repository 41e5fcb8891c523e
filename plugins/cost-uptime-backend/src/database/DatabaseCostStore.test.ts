import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  expectRollupsMatchFacts,
  rollupsFromFacts,
} from '../__testUtils__/rollups';
import type { CollectionBatch, CostRow } from './CostStore';
import { addDays } from '@internal/plugin-cost-uptime-common';
import { daysFrom, eachTestStore } from '../__testUtils__/stores';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

const SERVICES = ['Amazon EC2', 'Amazon EKS', 'Amazon S3'];

/** The days from `from` up to `toExclusive`. */
const days = (from: string, toExclusive: string) =>
  daysFrom(from, addDays(toExclusive, -1));

/**
 * Facts for one tag key over [from, to): every tag value and service a day,
 * amounts with many decimals as Cost Explorer sends them. `dev-b` lives only
 * from 5 to 25 October (an environment created and deleted), the last
 * `estimatedDays` days are estimated.
 */
function facts(
  tagKey: string,
  tagValues: string[],
  from: string,
  to: string,
  opts: { factor?: number; estimatedDays?: number } = {},
): CostRow[] {
  const all = days(from, to);
  const estimatedFrom = all[all.length - (opts.estimatedDays ?? 2)];
  const rows: CostRow[] = [];
  for (const day of all) {
    for (const [t, tagValue] of tagValues.entries()) {
      if (tagValue === 'dev-b' && (day < '2026-10-05' || day > '2026-10-25'))
        continue;
      for (const [s, service] of SERVICES.entries()) {
        const n = Number(day.slice(8)) + Number(day.slice(5, 7)) * 31;
        rows.push({
          tagKey,
          day,
          tagValue,
          awsService: service,
          amount:
            ((t + 1) * 3.1234567 + (s + 1) * 1.0987654 + (n % 7) * 0.3333333) *
            (opts.factor ?? 1),
          estimated: day >= estimatedFrom,
        });
      }
    }
  }
  return rows;
}

const ENVIRONMENTS = ['', 'dev-a', 'dev-b', 'prod'];
const SERVICE_TAGS = ['', 'shop-backend', 'shop-web'];

function batch(costs: CollectionBatch['costs']): CollectionBatch {
  return { costs, usage: [], sli: [], estimates: [] };
}

const backfill = batch([
  {
    tagKey: 'environment',
    from: '2026-09-20',
    to: '2026-11-20',
    rows: facts('environment', ENVIRONMENTS, '2026-09-20', '2026-11-20'),
  },
  {
    tagKey: 'service',
    from: '2026-09-20',
    to: '2026-11-20',
    rows: facts('service', SERVICE_TAGS, '2026-09-20', '2026-11-20'),
  },
]);

/**
 * A later run's restatement window across the month boundary: amounts
 * restated up, one group gone on the 18th, a new tag value on the 19th,
 * only the last day still estimated.
 */
function restatement(): CollectionBatch {
  const rows = facts('environment', ENVIRONMENTS, '2026-10-30', '2026-11-20', {
    factor: 1.1,
    estimatedDays: 1,
  }).filter(
    r =>
      !(
        r.day === '2026-11-18' &&
        r.tagValue === 'prod' &&
        r.awsService === 'Amazon EKS'
      ),
  );
  rows.push({
    tagKey: 'environment',
    day: '2026-11-19',
    tagValue: 'dev-c',
    awsService: 'Amazon EC2',
    amount: 7.777777,
    estimated: false,
  });
  return batch([
    { tagKey: 'environment', from: '2026-10-30', to: '2026-11-20', rows },
  ]);
}

async function tables(knex: Knex) {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'cost_daily',
    'cost_daily_totals',
    'cost_daily_services',
    'cost_daily_overall',
    'cost_monthly',
    'cost_monthly_totals',
    'cost_monthly_services',
    'cost_month_to_date',
  ]) {
    out[table] = await knex(table)
      .select()
      .orderBy(
        Object.keys((await knex(table).columnInfo()) as object).filter(
          c =>
            ![
              'amount',
              'estimated',
              'tag_values',
              'estimated_tag_values',
              'days',
            ].includes(c),
        ),
      );
  }
  return out;
}

/** Sum of the facts per key over [from, to], in JavaScript. */
async function factSums(
  knex: Knex,
  q: {
    tagKey: string;
    from: string;
    to: string;
    by: 'tag' | 'awsService';
    tagValue?: string;
  },
) {
  const sums = new Map<string, number>();
  for (const f of await knex('cost_daily').where({ tag_key: q.tagKey })) {
    if (f.day < q.from || f.day > q.to) continue;
    if (q.tagValue !== undefined && f.tag_value !== q.tagValue) continue;
    const key = q.by === 'tag' ? f.tag_value : f.service;
    sums.set(key, (sums.get(key) ?? 0) + Number(f.amount));
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, amount]) => ({ key, amount: expect.closeTo(amount, 6) }));
}

describe.each(databases.eachSupportedId())(
  'DatabaseCostStore on %p',
  databaseId => {
    const db = eachTestStore(databases, databaseId);

    it('keeps every rollup equal to the facts after a backfill', async () => {
      await db.store.write(backfill);
      expect(await expectRollupsMatchFacts(db.knex)).toBeGreaterThan(900);
      // dev-b left on 25 October: no rows for it in November's rollups.
      expect(
        await db.knex('cost_monthly_totals').where({
          month: '2026-11',
          tag_value: 'dev-b',
        }),
      ).toEqual([]);
      expect(await db.store.latestCostDay('environment')).toBe('2026-11-19');
    });

    it('keeps every rollup equal to the facts after a restatement across months', async () => {
      await db.store.write(backfill);
      const before = await rollupsFromFacts(db.knex);
      await db.store.write(restatement());
      expect(await expectRollupsMatchFacts(db.knex)).toBeGreaterThan(900);
      const after = await rollupsFromFacts(db.knex);
      // The restatement did change October's and November's figures...
      expect(
        after.cost_monthly_totals.get('environment|2026-10|prod')!.amount,
      ).toBeGreaterThan(
        before.cost_monthly_totals.get('environment|2026-10|prod')!.amount,
      );
      expect(after.cost_daily_overall.get('environment|2026-11-18')).toEqual({
        amount: expect.any(Number),
        estimated: false,
        keys: 3,
        estimatedKeys: 0,
      });
      // dev-c arrived, billed; the three others still estimated.
      expect(after.cost_daily_overall.get('environment|2026-11-19')).toEqual({
        amount: expect.any(Number),
        estimated: true,
        keys: 4,
        estimatedKeys: 3,
      });
      // ...and left the other tag key and September alone.
      for (const table of [
        'cost_monthly_totals',
        'cost_daily_overall',
      ] as const) {
        const untouched = [...before[table]].filter(
          ([key]) => key.startsWith('service|') || key.includes('|2026-09'),
        );
        expect(untouched.length).toBeGreaterThan(10);
        expect(untouched.map(([key]) => [key, after[table].get(key)])).toEqual(
          untouched,
        );
      }
    });

    it('leaves facts and every rollup as they were when a write fails midway', async () => {
      await db.store.write(backfill);
      await db.store.write(restatement());
      const before = await tables(db.knex);
      const broken = restatement();
      broken.costs.push({
        tagKey: 'service',
        from: '2026-11-01',
        to: '2026-11-20',
        rows: [
          ...facts('service', SERVICE_TAGS, '2026-11-01', '2026-11-20', {
            factor: 2,
          }),
          // NOT NULL: the database refuses it after the first window is written.
          {
            tagKey: 'service',
            day: '2026-11-19',
            tagValue: 'broken',
            awsService: 'Amazon EC2',
            amount: null as unknown as number,
            estimated: false,
          },
        ],
      });
      await expect(db.store.write(broken)).rejects.toThrow();
      expect(await tables(db.knex)).toEqual(before);
      await expectRollupsMatchFacts(db.knex);
    });

    it('answers sums, totals and months exactly as the facts add up', async () => {
      await db.store.write(backfill);
      await db.store.write(restatement());
      const tagKey = 'environment';
      const ranges: [string, string][] = [
        ['2026-11-01', '2026-11-19'], // month to date, nothing stored after
        ['2026-11-01', '2026-11-25'], // past the newest day
        ['2026-11-01', '2026-11-10'], // part of a month, later days stored
        ['2026-10-01', '2026-10-19'], // start of last month
        ['2026-10-01', '2026-10-31'], // a whole month
        ['2026-09-25', '2026-11-19'], // across three months
        ['2026-10-13', '2026-10-19'], // a week
        ['2026-10-20', '2026-10-27'], // a week in which dev-b ends
        ['2026-10-26', '2026-10-31'], // after dev-b: not there, not even as 0
        ['2026-11-20', '2026-11-19'], // empty
      ];
      for (const [from, to] of ranges) {
        for (const by of ['tag', 'awsService'] as const) {
          for (const tagValue of [undefined, 'dev-b', 'prod']) {
            const q = { tagKey, from, to, by, tagValue };
            expect({ q, sums: await db.store.sumsByKey(q) }).toEqual({
              q,
              sums: await factSums(db.knex, q),
            });
          }
        }
        for (const tagValue of [undefined, 'prod']) {
          const perDay = new Map<string, number>();
          for (const f of await db
            .knex('cost_daily')
            .where({ tag_key: tagKey }))
            if (
              f.day >= from &&
              f.day <= to &&
              (tagValue === undefined || f.tag_value === tagValue)
            )
              perDay.set(f.day, (perDay.get(f.day) ?? 0) + Number(f.amount));
          const totals = await db.store.totalsByDay({
            tagKey,
            from,
            to,
            tagValue,
          });
          expect(totals.map(t => [t.period, t.amount])).toEqual(
            [...perDay]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([d, a]) => [d, expect.closeTo(a, 6)]),
          );
        }
      }
      const expected = await rollupsFromFacts(db.knex);
      for (const groupBy of ['tag', 'awsService'] as const) {
        for (const tagValue of [undefined, 'prod']) {
          const rows = await db.store.monthly({
            tagKey,
            fromMonth: '2026-10',
            toMonth: '2026-11',
            groupBy,
            tagValue,
          });
          const want = new Map<
            string,
            { amount: number; estimated: boolean }
          >();
          for (const [key, agg] of expected.cost_monthly) {
            const [k, month, tv, service] = key.split('|');
            if (k !== tagKey || month < '2026-10') continue;
            if (tagValue !== undefined && tv !== tagValue) continue;
            const id = `${month}|${groupBy === 'tag' ? tv : service}`;
            const w = want.get(id) ?? { amount: 0, estimated: false };
            w.amount += agg.amount;
            w.estimated = w.estimated || agg.estimated;
            want.set(id, w);
          }
          expect(
            rows
              .map(r => [`${r.period}|${r.key}`, r.amount, r.estimated])
              .sort(),
          ).toEqual(
            [...want]
              .map(([id, w]) => [id, expect.closeTo(w.amount, 6), w.estimated])
              .sort(),
          );
          // Months in order, as the chart draws them.
          expect(rows.map(r => r.period)).toEqual(
            [...rows.map(r => r.period)].sort(),
          );
        }
      }
    });
  },
);
