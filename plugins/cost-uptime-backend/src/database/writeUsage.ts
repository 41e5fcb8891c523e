import { addDays } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';
import type { CollectionBatch } from './CostStore';

// Hours are stored as `YYYY-MM-DDTHH` (UTC): a day's hours are the half-open
// range [dayT00, next dayT00).

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
  for (let i = 0; i < usage.length; i += chunk) {
    await trx('usage_hourly')
      .insert(usage.slice(i, i + chunk))
      .onConflict(['environment', 'metric', 'hour'])
      .merge();
  }
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
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??)', [
            'usage_daily',
            'environment',
            'metric',
            'day',
            'value',
            'samples',
          ]),
        )
        .insert(
          trx('usage_hourly')
            .select('environment', 'metric', trx.raw('? as day', [day]))
            .avg({ value: 'value' })
            .count({ samples: '*' })
            .where({ environment })
            .where('hour', '>=', `${day}T00`)
            .where('hour', '<', `${addDays(day, 1)}T00`)
            .groupBy('environment', 'metric'),
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
  for (let i = 0; i < rows.length; i += chunk) {
    await trx('sli_hourly')
      .insert(rows.slice(i, i + chunk))
      .onConflict(['sli_key', 'environment', 'hour'])
      .merge();
  }
  const days = [...new Set(sli.map(s => s.hour.slice(0, 10)))];
  await trx('sli_daily').whereIn('day', days).delete();
  for (const day of days) {
    await trx
      .into(
        trx.raw('?? (??, ??, ??, ??, ??)', [
          'sli_daily',
          'sli_key',
          'environment',
          'day',
          'value',
          'hours',
        ]),
      )
      .insert(
        trx('sli_hourly')
          .select('sli_key', 'environment', trx.raw('? as day', [day]))
          .avg({ value: 'value' })
          .count({ hours: '*' })
          .where('hour', '>=', `${day}T00`)
          .where('hour', '<', `${addDays(day, 1)}T00`)
          .groupBy('sli_key', 'environment'),
      );
  }
  return rows.length;
}
