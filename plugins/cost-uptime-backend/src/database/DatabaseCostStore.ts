import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type {
  AmountByKey,
  CollectionBatch,
  CostStore,
  RunRecord,
} from './CostStore';
import type {
  RunWarning,
  UsageMetric,
} from '@internal/plugin-cost-uptime-common';
import { writeAllocations } from './AllocationStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-cost-uptime-backend',
  'migrations',
);

// Rows per INSERT: well below MariaDB's max_allowed_packet. SQLite's knex
// dialect sends a multi-row insert as a compound SELECT, limited to 500 terms.
const CHUNK_MYSQL = 1000;
const CHUNK_SQLITE = 400;

type RunRow = {
  id: number;
  trigger: RunRecord['trigger'];
  status: RunRecord['status'];
  started_at: string;
  finished_at: string | null;
  error: string | null;
  warnings: string | null;
  rows_written: number;
  cost_explorer_requests: number;
  prometheus_requests: number;
};

function toRun(row: RunRow): RunRecord {
  return {
    id: Number(row.id),
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    warnings: row.warnings ? (JSON.parse(row.warnings) as RunWarning[]) : [],
    rowsWritten: Number(row.rows_written),
    costExplorerRequests: Number(row.cost_explorer_requests),
    prometheusRequests: Number(row.prometheus_requests),
  };
}

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

function nextMonthFirstDay(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' })
    .plus({ months: 1 })
    .toISODate()!;
}

/** CostStore on Backstage's database service (MariaDB in production, SQLite locally). */
export class DatabaseCostStore implements CostStore {
  static async create(options: { database: DatabaseService }) {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCostStore(client);
  }

  private readonly chunk: number;
  private readonly mysql: boolean;

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.mysql = client.includes('mysql');
    this.chunk = client.includes('sqlite') ? CHUNK_SQLITE : CHUNK_MYSQL;
  }

  async startRun(trigger: RunRecord['trigger'], startedAt: string) {
    const row = { trigger, status: 'running', started_at: startedAt };
    // MySQL answers the insert id without RETURNING (and warns about it).
    const [id] = this.mysql
      ? await this.db('collection_runs').insert(row)
      : await this.db('collection_runs').insert(row, ['id']);
    return Number(typeof id === 'object' ? id.id : id);
  }

  async finishRun(id: number, result: Parameters<CostStore['finishRun']>[1]) {
    await this.db('collection_runs')
      .where({ id })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        // Some errors quote a whole SQL statement: keep the start.
        error: result.error ? result.error.slice(0, 4000) : null,
        warnings: result.warnings.length
          ? JSON.stringify(
              result.warnings.map(w => ({
                ...w,
                message: w.message.slice(0, 2000),
              })),
            )
          : null,
        rows_written: result.rowsWritten,
        cost_explorer_requests: result.costExplorerRequests,
        prometheus_requests: result.prometheusRequests,
      });
  }

  async listRuns(limit: number) {
    const rows = await this.db<RunRow>('collection_runs')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toRun);
  }

  async getRun(id: number) {
    const row = await this.db<RunRow>('collection_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }

  async latestCostDay(tagKey: string) {
    const row = await this.db('cost_daily_overall')
      .where({ tag_key: tagKey })
      .max({ day: 'day' })
      .first();
    return row?.day ?? undefined;
  }

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

  async write(batch: CollectionBatch): Promise<number> {
    return this.db.transaction(async trx => {
      let rows = 0;
      for (const window of batch.costs) {
        rows += await this.replaceCosts(trx, window);
      }
      if (batch.forecast) {
        await trx('cost_forecasts')
          .insert({
            month: batch.forecast.month,
            from_day: batch.forecast.fromDay,
            amount: batch.forecast.amount,
            fetched_at: batch.forecast.fetchedAt,
          })
          .onConflict('month')
          .merge();
        rows += 1;
      }
      if (batch.serviceEnvironments) {
        const { from, to, rows: pairs } = batch.serviceEnvironments;
        await trx('cost_service_environment_daily')
          .where('day', '>=', from)
          .where('day', '<', to)
          .delete();
        // Pages may split one day's groups: sum duplicates.
        const merged = new Map<string, (typeof pairs)[number]>();
        for (const r of pairs) {
          const k = `${r.day}\u0000${r.service}\u0000${r.environment}`;
          const prev = merged.get(k);
          if (prev) {
            prev.amount += r.amount;
            prev.estimated = prev.estimated || r.estimated;
          } else merged.set(k, { ...r });
        }
        const insert = [...merged.values()].map(r => ({
          day: r.day,
          service: r.service,
          environment: r.environment,
          amount: r.amount,
          estimated: r.estimated,
        }));
        for (let i = 0; i < insert.length; i += this.chunk) {
          await trx('cost_service_environment_daily').insert(
            insert.slice(i, i + this.chunk),
          );
        }
        rows += insert.length;
      }
      rows += await this.upsertUsage(trx, batch.usage);
      rows += await this.upsertSli(trx, batch.sli);
      for (let i = 0; i < batch.estimates.length; i += this.chunk) {
        await trx('cost_estimate_hourly')
          .insert(
            batch.estimates.slice(i, i + this.chunk).map(e => ({
              environment: e.environment,
              hour: e.hour,
              nodes: e.nodes,
              pv_gb: e.pvGb,
              amount: e.amount,
            })),
          )
          .onConflict(['environment', 'hour'])
          .merge();
      }
      rows += batch.estimates.length;
      rows += await writeAllocations(trx, batch.allocations);
      if (batch.billedThrough) {
        // Billed figures have arrived for these days: the estimate steps aside.
        await trx('cost_estimate_hourly')
          .where('hour', '<', `${batch.billedThrough}T99`)
          .delete();
      }
      return rows;
    });
  }

  private async replaceCosts(
    trx: Knex.Transaction,
    window: CollectionBatch['costs'][number],
  ): Promise<number> {
    const { tagKey, from, to } = window;
    await trx('cost_daily')
      .where({ tag_key: tagKey })
      .where('day', '>=', from)
      .where('day', '<', to)
      .delete();
    // Cost Explorer may split one day's groups over pages; sum duplicates.
    const merged = new Map<
      string,
      CollectionBatch['costs'][number]['rows'][number]
    >();
    for (const r of window.rows) {
      const k = `${r.day}\u0000${r.tagValue}\u0000${r.service}`;
      const prev = merged.get(k);
      if (prev) {
        prev.amount += r.amount;
        prev.estimated = prev.estimated || r.estimated;
      } else merged.set(k, { ...r });
    }
    const rows = [...merged.values()].map(r => ({
      tag_key: tagKey,
      day: r.day,
      tag_value: r.tagValue,
      service: r.service,
      amount: r.amount,
      estimated: r.estimated,
    }));
    for (let i = 0; i < rows.length; i += this.chunk) {
      await trx('cost_daily').insert(rows.slice(i, i + this.chunk));
    }

    // Rollups for the same window, from the facts just written.
    for (const table of ['cost_daily_totals', 'cost_daily_services']) {
      await trx(table)
        .where({ tag_key: tagKey })
        .where('day', '>=', from)
        .where('day', '<', to)
        .delete();
    }
    // Each daily rollup sums the facts by one more column than tag and day.
    for (const [table, column] of [
      ['cost_daily_totals', 'tag_value'],
      ['cost_daily_services', 'service'],
    ]) {
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??)', [
            table,
            'tag_key',
            'day',
            column,
            'amount',
            'estimated',
          ]),
        )
        .insert(
          trx('cost_daily')
            .select('tag_key', 'day', column)
            .sum({ amount: 'amount' })
            .max({ estimated: 'estimated' })
            .where({ tag_key: tagKey })
            .where('day', '>=', from)
            .where('day', '<', to)
            .groupBy('tag_key', 'day', column),
        );
    }
    await trx('cost_daily_overall')
      .where({ tag_key: tagKey })
      .where('day', '>=', from)
      .where('day', '<', to)
      .delete();
    await trx
      .into(
        trx.raw('?? (??, ??, ??, ??, ??, ??)', [
          'cost_daily_overall',
          'tag_key',
          'day',
          'amount',
          'estimated',
          'tag_values',
          'estimated_tag_values',
        ]),
      )
      .insert(
        trx('cost_daily_totals')
          .select('tag_key', 'day')
          .sum({ amount: 'amount' })
          .max({ estimated: 'estimated' })
          .count({ tag_values: '*' })
          .sum({ estimated_tag_values: 'estimated' })
          .where({ tag_key: tagKey })
          .where('day', '>=', from)
          .where('day', '<', to)
          .groupBy('tag_key', 'day'),
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
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??, ??)', [
            'cost_monthly',
            'tag_key',
            'month',
            'tag_value',
            'service',
            'amount',
            'estimated',
          ]),
        )
        .insert(
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
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??)', [
            'cost_monthly_totals',
            'tag_key',
            'month',
            'tag_value',
            'amount',
            'estimated',
          ]),
        )
        .insert(
          monthDays(
            trx('cost_daily_totals')
              .select('tag_key', trx.raw('? as month', [month]), 'tag_value')
              .sum({ amount: 'amount' })
              .max({ estimated: 'estimated' }),
          ).groupBy('tag_key', 'tag_value'),
        );
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??)', [
            'cost_monthly_services',
            'tag_key',
            'month',
            'service',
            'amount',
            'estimated',
          ]),
        )
        .insert(
          monthDays(
            trx('cost_daily_services')
              .select('tag_key', trx.raw('? as month', [month]), 'service')
              .sum({ amount: 'amount' })
              .max({ estimated: 'estimated' }),
          ).groupBy('tag_key', 'service'),
        );
      await trx('cost_month_to_date')
        .where({ tag_key: tagKey })
        .where('day', '>=', `${month}-01`)
        .where('day', '<', nextMonthFirstDay(month))
        .delete();
      // Each stored day of the month x every tag value's days up to it.
      await trx
        .into(
          trx.raw('?? (??, ??, ??, ??, ??)', [
            'cost_month_to_date',
            'tag_key',
            'day',
            'tag_value',
            'amount',
            'days',
          ]),
        )
        .insert(
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

  private async upsertUsage(
    trx: Knex.Transaction,
    usage: CollectionBatch['usage'],
  ) {
    if (usage.length === 0) return 0;
    for (let i = 0; i < usage.length; i += this.chunk) {
      await trx('usage_hourly')
        .insert(usage.slice(i, i + this.chunk))
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
              .where('hour', '<=', `${day}T23`)
              .groupBy('environment', 'metric'),
          );
      }
    }
    return usage.length;
  }

  private async upsertSli(trx: Knex.Transaction, sli: CollectionBatch['sli']) {
    if (sli.length === 0) return 0;
    const rows = sli.map(s => ({
      sli_key: s.sliKey,
      environment: s.environment,
      hour: s.hour,
      value: s.value,
    }));
    for (let i = 0; i < rows.length; i += this.chunk) {
      await trx('sli_hourly')
        .insert(rows.slice(i, i + this.chunk))
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
            .where('hour', '<=', `${day}T23`)
            .groupBy('sli_key', 'environment'),
        );
    }
    return rows.length;
  }

  async dailyByTag(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
    tagValues?: string[];
  }) {
    const query = this.db('cost_daily_totals')
      .select({
        period: 'day',
        key: 'tag_value',
        amount: 'amount',
        estimated: 'estimated',
      })
      .where({ tag_key: q.tagKey })
      .whereBetween('day', [q.from, q.to]);
    if (q.tagValue !== undefined) query.where({ tag_value: q.tagValue });
    if (q.tagValues === undefined) {
      return normalize(await query.orderBy(['day', 'tag_value']));
    }
    // In the order of the (tag_key, tag_value, day) index: asked to sort by
    // day, MariaDB reads the whole range by primary key instead (EXPLAIN:
    // 30,000 rows for 8 tag values x 31 days). A few hundred rows to sort here.
    const rows = normalize(
      await query
        .whereIn('tag_value', q.tagValues)
        .orderBy(['tag_value', 'day']),
    );
    return rows.sort(
      (a, b) => Number(a.period > b.period) - Number(a.period < b.period),
    );
  }

  async overallByDay(q: { tagKey: string; from: string; to: string }) {
    const rows = await this.db('cost_daily_overall')
      .select(
        'day',
        'amount',
        'estimated',
        'tag_values',
        'estimated_tag_values',
      )
      .where({ tag_key: q.tagKey })
      .whereBetween('day', [q.from, q.to])
      .orderBy('day');
    return rows.map(r => ({
      period: String(r.day),
      amount: Number(r.amount),
      estimated: Boolean(Number(r.estimated)),
      tagValues: Number(r.tag_values),
      estimatedTagValues: Number(r.estimated_tag_values),
    }));
  }

  async dailyByService(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
  }) {
    if (q.tagValue === undefined) {
      return normalize(
        await this.db('cost_daily_services')
          .select({
            period: 'day',
            key: 'service',
            amount: 'amount',
            estimated: 'estimated',
          })
          .where({ tag_key: q.tagKey })
          .whereBetween('day', [q.from, q.to])
          .orderBy('day'),
      );
    }
    return normalize(
      await this.db('cost_daily')
        .select({
          period: 'day',
          key: 'service',
          amount: 'amount',
          estimated: 'estimated',
        })
        .where({ tag_key: q.tagKey, tag_value: q.tagValue })
        .whereBetween('day', [q.from, q.to])
        .orderBy('day'),
    );
  }

  async monthly(q: {
    tagKey: string;
    fromMonth: string;
    toMonth: string;
    groupBy: 'tag' | 'service';
    tagValue?: string;
  }) {
    const keyColumn = q.groupBy === 'tag' ? 'tag_value' : 'service';
    // One row per month and key already: the per-tag and per-service
    // rollups, or one tag value's rows of cost_monthly (its own index).
    let table = 'cost_monthly';
    if (q.groupBy === 'tag') table = 'cost_monthly_totals';
    else if (q.tagValue === undefined) table = 'cost_monthly_services';
    const query = this.db(table)
      .select({
        period: 'month',
        key: keyColumn,
        amount: 'amount',
        estimated: 'estimated',
      })
      .where({ tag_key: q.tagKey })
      .whereBetween('month', [q.fromMonth, q.toMonth])
      .orderBy('month');
    if (q.tagValue !== undefined) query.where({ tag_value: q.tagValue });
    return normalize(await query);
  }

  async totalsByDay(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
  }) {
    const query =
      q.tagValue === undefined
        ? this.db('cost_daily_overall').where({ tag_key: q.tagKey })
        : this.db('cost_daily_totals').where({
            tag_key: q.tagKey,
            tag_value: q.tagValue,
          });
    const rows = await query
      .select({ period: 'day', amount: 'amount', estimated: 'estimated' })
      .whereBetween('day', [q.from, q.to])
      .orderBy('day');
    return rows.map((r: any) => ({
      period: String(r.period),
      amount: Number(r.amount),
      estimated: Boolean(Number(r.estimated)),
    }));
  }

  async sumsByKey(q: {
    tagKey: string;
    from: string;
    to: string;
    by: 'tag' | 'service';
    tagValue?: string;
  }) {
    const [sums] = await this.sumsByKeyOverRanges({
      ...q,
      ranges: [{ from: q.from, to: q.to }],
    });
    return sums;
  }

  async sumsByKeyOverRanges(q: {
    tagKey: string;
    by: 'tag' | 'service';
    tagValue?: string;
    ranges: { from: string; to: string }[];
  }) {
    const ranges = q.ranges.map(r => (r.from <= r.to ? r : undefined));
    const valid = ranges.filter(r => r !== undefined);
    if (valid.length === 0) return q.ranges.map(() => []);
    const rows =
      q.by === 'tag'
        ? await this.tagSumsOverRanges(q.tagKey, q.tagValue, ranges)
        : await this.serviceSumsOverRanges(q.tagKey, q.tagValue, ranges);
    // Per range, the keys with cost in it (count > 0), in key order as the
    // GROUP BY of one range answered before.
    return ranges.map((_, i) =>
      rows
        .filter(r => Number(r[`n${i}`]) > 0)
        .map(r => ({ key: String(r.key), amount: Number(r[`a${i}`]) }))
        .sort((x, y) => Number(x.key > y.key) - Number(x.key < y.key)),
    );
  }

  /** Per service: a{i} its cost in range i, n{i} its rows there. */
  private async serviceSumsOverRanges(
    tagKey: string,
    tagValue: string | undefined,
    ranges: ({ from: string; to: string } | undefined)[],
  ): Promise<any[]> {
    const valid = ranges.filter(r => r !== undefined);
    const query =
      tagValue === undefined
        ? this.db('cost_daily_services')
        : this.db('cost_daily').where({ tag_value: tagValue });
    query
      .select({ key: 'service' })
      .where({ tag_key: tagKey })
      .whereBetween('day', [
        valid.map(r => r.from).sort()[0],
        valid
          .map(r => r.to)
          .sort()
          .pop()!,
      ])
      .groupBy('service');
    for (const [i, r] of ranges.entries()) {
      if (!r) continue;
      query.select(
        this.db.raw(
          'SUM(CASE WHEN ?? BETWEEN ? AND ? THEN ?? ELSE 0 END) AS ??',
          ['day', r.from, r.to, 'amount', `a${i}`],
        ),
        this.db.raw(
          'SUM(CASE WHEN ?? BETWEEN ? AND ? THEN 1 ELSE 0 END) AS ??',
          ['day', r.from, r.to, `n${i}`],
        ),
      );
    }
    return query;
  }

  /**
   * Per tag value: a{i} its cost in range i, n{i} its days with cost there,
   * from cost_month_to_date: for each month a range touches, the row at the
   * month's last stored day in the range minus the row at the last stored
   * day before it. Two rows per tag value and month instead of one per tag
   * value and day (500 x 19 for the summary's "same days of last month"),
   * and one query for all of the summary's ranges.
   */
  private async tagSumsOverRanges(
    tagKey: string,
    tagValue: string | undefined,
    ranges: ({ from: string; to: string } | undefined)[],
  ): Promise<any[]> {
    const valid = ranges.filter(r => r !== undefined);
    const stored = (
      await this.db('cost_daily_overall')
        .select('day')
        .where({ tag_key: tagKey })
        .whereBetween('day', [
          `${valid
            .map(r => r.from)
            .sort()[0]
            .slice(0, 7)}-01`,
          valid
            .map(r => r.to)
            .sort()
            .pop()!,
        ])
        .orderBy('day')
    ).map(r => String(r.day));
    const signs = ranges.map(r => {
      const plus: string[] = [];
      const minus: string[] = [];
      if (!r) return { plus, minus };
      const inScope = stored.filter(
        d => d >= `${r.from.slice(0, 7)}-01` && d <= r.to,
      );
      for (const month of new Set(inScope.map(d => d.slice(0, 7)))) {
        const days = inScope.filter(d => d.slice(0, 7) === month);
        const last = days.filter(d => d >= r.from).pop();
        if (last === undefined) continue;
        plus.push(last);
        const before = days.filter(d => d < r.from).pop();
        if (before !== undefined) minus.push(before);
      }
      return { plus, minus };
    });
    const all = [...new Set(signs.flatMap(x => [...x.plus, ...x.minus]))];
    if (all.length === 0) return [];
    const query = this.db('cost_month_to_date')
      .select({ key: 'tag_value' })
      .where({ tag_key: tagKey })
      .whereIn('day', all)
      .groupBy('tag_value');
    if (tagValue !== undefined) query.where({ tag_value: tagValue });
    for (const [i, { plus, minus }] of signs.entries()) {
      if (plus.length === 0) continue;
      const list = (days: string[]) => days.map(() => '?').join(', ');
      const sign = `CASE WHEN ?? IN (${list(plus)}) THEN 1${
        minus.length ? ` WHEN ?? IN (${list(minus)}) THEN -1` : ''
      } ELSE 0 END`;
      const args = ['day', ...plus, ...(minus.length ? ['day', ...minus] : [])];
      query.select(
        this.db.raw(`SUM((${sign}) * ??) AS ??`, [...args, 'amount', `a${i}`]),
        this.db.raw(`SUM((${sign}) * ??) AS ??`, [...args, 'days', `n${i}`]),
      );
    }
    return query;
  }

  async forecast(month: string) {
    const row = await this.db('cost_forecasts').where({ month }).first();
    return row
      ? { fromDay: row.from_day as string, amount: Number(row.amount) }
      : undefined;
  }

  async serviceEnvironmentSums(q: {
    service: string;
    from: string;
    to: string;
  }) {
    const rows = await this.db('cost_service_environment_daily')
      .select('environment')
      .sum({ amount: 'amount' })
      .max({ estimated: 'estimated' })
      .where({ service: q.service })
      .whereBetween('day', [q.from, q.to])
      .groupBy('environment')
      .orderBy('environment');
    return (
      rows as { environment: string; amount: unknown; estimated: unknown }[]
    ).map(r => ({
      environment: r.environment,
      amount: Number(r.amount),
      estimated: Boolean(Number(r.estimated)),
    }));
  }

  async estimates(fromHour: string) {
    const rows = await this.db('cost_estimate_hourly')
      .select('environment', 'hour', 'amount')
      .where('hour', '>=', fromHour)
      .orderBy('hour');
    return rows.map(r => ({
      environment: r.environment as string,
      hour: r.hour as string,
      amount: Number(r.amount),
    }));
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

  async sliDaily(q: { from: string; to: string; sliKey?: string }) {
    const query = this.db('sli_daily')
      .select('sli_key', 'environment', 'day', 'value', 'hours')
      .whereBetween('day', [q.from, q.to])
      .orderBy('day');
    if (q.sliKey) query.where({ sli_key: q.sliKey });
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

function normalize(rows: any[]): AmountByKey[] {
  return rows.map(r => ({
    period: String(r.period),
    key: String(r.key),
    amount: Number(r.amount),
    estimated: Boolean(Number(r.estimated)),
  }));
}
