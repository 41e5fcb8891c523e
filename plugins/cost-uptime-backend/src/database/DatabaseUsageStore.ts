import type { Knex } from 'knex';
import type { UsageSliStore } from './CostStore';

/** UsageSliStore on the tables `usage_hourly`/`_daily` and `sli_hourly`/`_daily`. */
export class DatabaseUsageStore implements UsageSliStore {
  constructor(private readonly db: Knex) {}

  latestUsageHour(environment: string) {
    return this.latestHour('usage_hourly', environment);
  }

  latestSliHour(environment: string) {
    return this.latestHour('sli_hourly', environment);
  }

  async usage(q: Parameters<UsageSliStore['usage']>[0]) {
    const hourly = q.granularity === 'hour';
    const period = hourly ? 'hour' : 'day';
    const query = this.db(hourly ? 'usage_hourly' : 'usage_daily')
      .select({
        ts: period,
        environment: 'environment',
        metric: 'metric',
        value: 'value',
      })
      .whereBetween(period, [q.from, q.to])
      .orderBy(period);
    if (q.environment) query.where({ environment: q.environment });
    const rows = await query;
    return rows.map(r => ({ ...r, value: Number(r.value) }));
  }

  async sliDaily(q: Parameters<UsageSliStore['sliDaily']>[0]) {
    const query = this.db('sli_daily')
      .select({
        sliKey: 'sli_key',
        environment: 'environment',
        day: 'day',
        value: 'value',
        hours: 'hours',
      })
      .whereBetween('day', [q.from, q.to])
      .orderBy('day');
    if (q.sliKey) query.where({ sli_key: q.sliKey });
    if (q.environment) query.where({ environment: q.environment });
    const rows = await query;
    return rows.map(r => ({
      ...r,
      value: Number(r.value),
      hours: Number(r.hours),
    }));
  }

  private async latestHour(table: string, environment: string) {
    const row = await this.db(table)
      .where({ environment })
      .max({ hour: 'hour' })
      .first();
    return row?.hour ?? undefined;
  }
}
