import type { UsageMetric } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';
import type { UsageSliStore } from './CostStore';

/** UsageSliStore on the tables `usage_hourly`/`_daily` and `sli_hourly`/`_daily`. */
export class DatabaseUsageStore implements UsageSliStore {
  constructor(private readonly db: Knex) {}

  async latestUsageHour(environment: string) {
    const row = await this.db('usage_hourly')
      .where({ environment })
      .max({ hour: 'hour' })
      .first();
    return row?.hour ?? undefined;
  }

  async latestSliHour(environment: string) {
    const row = await this.db('sli_hourly')
      .where({ environment })
      .max({ hour: 'hour' })
      .first();
    return row?.hour ?? undefined;
  }

  async usage(q: {
    granularity: 'hour' | 'day';
    from: string;
    to: string;
    environment?: string;
  }) {
    const hourly = q.granularity === 'hour';
    const query = this.db(hourly ? 'usage_hourly' : 'usage_daily')
      .select({
        ts: hourly ? 'hour' : 'day',
        environment: 'environment',
        metric: 'metric',
        value: 'value',
      })
      .whereBetween(hourly ? 'hour' : 'day', [q.from, q.to])
      .orderBy(hourly ? 'hour' : 'day');
    if (q.environment) query.where({ environment: q.environment });
    const rows = await query;
    return rows.map(r => ({
      ts: r.ts as string,
      environment: r.environment as string,
      metric: r.metric as UsageMetric,
      value: Number(r.value),
    }));
  }

  async sliDaily(q: {
    from: string;
    to: string;
    sliKey?: string;
    environment?: string;
  }) {
    const query = this.db('sli_daily')
      .select('sli_key', 'environment', 'day', 'value', 'hours')
      .whereBetween('day', [q.from, q.to])
      .orderBy('day');
    if (q.sliKey) query.where({ sli_key: q.sliKey });
    if (q.environment) query.where({ environment: q.environment });
    const rows = await query;
    return rows.map(r => ({
      sliKey: r.sli_key as string,
      environment: r.environment as string,
      day: r.day as string,
      value: Number(r.value),
      hours: Number(r.hours),
    }));
  }
}
