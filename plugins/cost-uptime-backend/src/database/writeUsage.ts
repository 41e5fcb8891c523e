import { addDays } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';
import type { CollectionBatch } from './CostStore';
import { insertSelect } from './insertRows';

/**
 * Inserts into `table` the mean `value` per `keys` of `day`'s rows of the
 * hourly query `hours`, and as `count` how many rows each mean is of.
 * Hours are stored as `YYYY-MM-DDTHH` (UTC): a day's hours are the
 * half-open range [dayT00, next dayT00).
 */
function insertDayMeans(
  trx: Knex.Transaction,
  table: string,
  hours: Knex.QueryBuilder,
  keys: string[],
  count: string,
  day: string,
) {
  return insertSelect(
    trx,
    table,
    [...keys, 'day', 'value', count],
    hours
      .select(...keys, trx.raw('? as day', [day]))
      .avg({ value: 'value' })
      .count({ [count]: '*' })
      .where('hour', '>=', `${day}T00`)
      .where('hour', '<', `${addDays(day, 1)}T00`)
      .groupBy(...keys),
  );
}

/** Inserts `rows` `chunk` at a time, each replacing the row with its `key`. */
async function upsert(
  trx: Knex.Transaction,
  table: string,
  rows: readonly object[],
  key: string[],
  chunk: number,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    await trx(table)
      .insert(rows.slice(i, i + chunk))
      .onConflict(key)
      .merge();
  }
}

/**
 * Upserts usage hours and recomputes the daily averages of the
 * environment-days they touch. Inside the run's transaction.
 */
export async function writeUsage(
  trx: Knex.Transaction,
  usage: CollectionBatch['usage'],
  chunk: number,
): Promise<number> {
  if (usage.length === 0) return 0;
  await upsert(
    trx,
    'usage_hourly',
    usage,
    ['environment', 'metric', 'hour'],
    chunk,
  );
  const touched = new Map<string, Set<string>>();
  for (const u of usage) {
    const days = touched.get(u.environment) ?? new Set();
    days.add(u.hour.slice(0, 10));
    touched.set(u.environment, days);
  }
  for (const [environment, days] of touched) {
    const list = [...days];
    await trx('usage_daily')
      .where({ environment })
      .whereIn('day', list)
      .delete();
    for (const day of list) {
      await insertDayMeans(
        trx,
        'usage_daily',
        trx('usage_hourly').where({ environment }),
        ['environment', 'metric'],
        'samples',
        day,
      );
    }
  }
  return usage.length;
}

/**
 * Upserts SLI hours and recomputes the daily availability (mean of the
 * hours) and hours with data of the days they touch.
 */
export async function writeSli(
  trx: Knex.Transaction,
  sli: CollectionBatch['sli'],
  chunk: number,
): Promise<number> {
  if (sli.length === 0) return 0;
  const rows = sli.map(s => ({
    sli_key: s.sliKey,
    environment: s.environment,
    hour: s.hour,
    value: s.value,
  }));
  await upsert(
    trx,
    'sli_hourly',
    rows,
    ['sli_key', 'environment', 'hour'],
    chunk,
  );
  const days = [...new Set(sli.map(s => s.hour.slice(0, 10)))];
  await trx('sli_daily').whereIn('day', days).delete();
  for (const day of days) {
    await insertDayMeans(
      trx,
      'sli_daily',
      trx('sli_hourly'),
      ['sli_key', 'environment'],
      'hours',
      day,
    );
  }
  return rows.length;
}
