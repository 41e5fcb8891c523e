import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { CollectionBatch } from './CostStore';
import {
  insertRows,
  insertSelect,
  MAX_BINDINGS,
  sumDuplicates,
} from './insertRows';

/** First day of each month touched by [from, to) (days, YYYY-MM-DD). */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let m = DateTime.fromISO(from, { zone: 'utc' }).startOf('month');
  const end = DateTime.fromISO(to, { zone: 'utc' });
  while (m < end) {
    months.push(m.toFormat('yyyy-MM'));
    m = m.plus({ months: 1 });
  }
  return months;
}

const FACT_COLUMNS = [
  'tag_key',
  'day',
  'tag_value',
  'service',
  'amount',
  'estimated',
] as const;

function nextMonthFirstDay(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' })
    .plus({ months: 1 })
    .toISODate()!;
}

/**
 * Replaces one tag key's cost facts for the days [from, to) of a run's window
 * and recomputes every rollup those days feed: daily totals per tag value
 * and per AWS service, the daily overall, the months touched and the
 * month-to-date sums. Inside the run's transaction.
 */
export async function writeCostWindow(
  trx: Knex.Transaction,
  window: CollectionBatch['costs'][number],
): Promise<number> {
  const { tagKey, from, to } = window;
  const windowDays = (q: Knex.QueryBuilder) =>
    q.where({ tag_key: tagKey }).where('day', '>=', from).where('day', '<', to);
  await windowDays(trx('cost_daily')).delete();
  const merged = sumDuplicates(
    window.rows,
    r => `${r.day}\u0000${r.tagValue}\u0000${r.awsService}`,
  );
  const rows = merged.map(r => [
    tagKey,
    r.day,
    r.tagValue,
    r.awsService,
    r.amount,
    r.estimated,
  ]);
  await insertRows(trx, 'cost_daily', FACT_COLUMNS, rows, MAX_BINDINGS);

  // Rollups for the same window, from the facts just written.
  for (const table of ['cost_daily_totals', 'cost_daily_services']) {
    await windowDays(trx(table)).delete();
  }
  // Each daily rollup sums the facts by one more column than tag and day.
  for (const [table, column] of [
    ['cost_daily_totals', 'tag_value'],
    ['cost_daily_services', 'service'],
  ]) {
    await insertSelect(
      trx,
      table,
      ['tag_key', 'day', column, 'amount', 'estimated'],
      windowDays(
        trx('cost_daily')
          .select('tag_key', 'day', column)
          .sum({ amount: 'amount' })
          .max({ estimated: 'estimated' }),
      ).groupBy('tag_key', 'day', column),
    );
  }
  await windowDays(trx('cost_daily_overall')).delete();
  await insertSelect(
    trx,
    'cost_daily_overall',
    [
      'tag_key',
      'day',
      'amount',
      'estimated',
      'tag_values',
      'estimated_tag_values',
    ],
    windowDays(
      trx('cost_daily_totals')
        .select('tag_key', 'day')
        .sum({ amount: 'amount' })
        .max({ estimated: 'estimated' })
        .count({ tag_values: '*' })
        .sum({ estimated_tag_values: 'estimated' }),
    ).groupBy('tag_key', 'day'),
  );
  for (const month of monthsOf(from, to)) {
    const monthDays = (q: Knex.QueryBuilder) =>
      q
        .where({ tag_key: tagKey })
        .where('day', '>=', `${month}-01`)
        .where('day', '<', nextMonthFirstDay(month));
    for (const table of [
      'cost_monthly',
      'cost_monthly_totals',
      'cost_monthly_services',
    ]) {
      await trx(table).where({ tag_key: tagKey, month }).delete();
    }
    await insertSelect(
      trx,
      'cost_monthly',
      ['tag_key', 'month', 'tag_value', 'service', 'amount', 'estimated'],
      monthDays(
        trx('cost_daily')
          .select(
            'tag_key',
            trx.raw('? as month', [month]),
            'tag_value',
            'service',
          )
          .sum({ amount: 'amount' })
          .max({ estimated: 'estimated' }),
      ).groupBy('tag_key', 'tag_value', 'service'),
    );
    // The per-tag and per-service months come from the daily rollups
    // written above: 500 or 20 rows a day instead of 10,000 facts.
    for (const [table, daily, column] of [
      ['cost_monthly_totals', 'cost_daily_totals', 'tag_value'],
      ['cost_monthly_services', 'cost_daily_services', 'service'],
    ]) {
      await insertSelect(
        trx,
        table,
        ['tag_key', 'month', column, 'amount', 'estimated'],
        monthDays(
          trx(daily)
            .select('tag_key', trx.raw('? as month', [month]), column)
            .sum({ amount: 'amount' })
            .max({ estimated: 'estimated' }),
        ).groupBy('tag_key', column),
      );
    }
    await monthDays(trx('cost_month_to_date')).delete();
    // Each stored day of the month x every tag value's days up to it.
    await insertSelect(
      trx,
      'cost_month_to_date',
      ['tag_key', 'day', 'tag_value', 'amount', 'days'],
      trx('cost_daily_overall as d')
        .join('cost_daily_totals as t', join =>
          join
            .on('t.tag_key', '=', 'd.tag_key')
            .andOn('t.day', '<=', 'd.day')
            .andOnVal('t.day', '>=', `${month}-01`),
        )
        .select('d.tag_key', 'd.day', 't.tag_value')
        .sum({ amount: 't.amount' })
        .count({ days: '*' })
        .where('d.tag_key', tagKey)
        .where('d.day', '>=', `${month}-01`)
        .where('d.day', '<', nextMonthFirstDay(month))
        .groupBy('d.tag_key', 'd.day', 't.tag_value'),
    );
  }
  return rows.length;
}
