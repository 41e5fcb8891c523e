import type { Knex } from 'knex';
import type { AmountByKey, CostQueries } from './CostStore';

/** CostQueries on the facts and rollups the collection writes (writeCosts.ts). */
export class DatabaseCostQueries implements CostQueries {
  constructor(private readonly db: Knex) {}

  async dailyByTag(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
    tagValues?: string[];
  }) {
    const query = this.db('cost_daily_totals')
      .select(amountByKeyColumns('day', 'tag_value'))
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

  async dailyByAwsService(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
  }) {
    return normalize(
      await this.ofTag(q, 'cost_daily_services', 'cost_daily')
        .select(amountByKeyColumns('day', 'service'))
        .whereBetween('day', [q.from, q.to])
        .orderBy('day'),
    );
  }

  async monthly(q: {
    tagKey: string;
    fromMonth: string;
    toMonth: string;
    groupBy: 'tag' | 'awsService';
    tagValue?: string;
  }) {
    const keyColumn = q.groupBy === 'tag' ? 'tag_value' : 'service';
    // One row per month and key already: the per-tag and per-service
    // rollups, or one tag value's rows of cost_monthly (its own index).
    let table = 'cost_monthly';
    if (q.groupBy === 'tag') table = 'cost_monthly_totals';
    else if (q.tagValue === undefined) table = 'cost_monthly_services';
    const query = this.db(table)
      .select(amountByKeyColumns('month', keyColumn))
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
    const rows = await this.ofTag(q, 'cost_daily_overall', 'cost_daily_totals')
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
    by: 'tag' | 'awsService';
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
    by: 'tag' | 'awsService';
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
      .whereBetween('day', span(valid))
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
    const [firstDay, lastDay] = span(ranges.filter(r => r !== undefined));
    const stored = (
      await this.db('cost_daily_overall')
        .select('day')
        .where({ tag_key: tagKey })
        .whereBetween('day', [`${firstDay.slice(0, 7)}-01`, lastDay])
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

  /**
   * One tag key's rows: of `allValues` (its tag values summed), or with
   * `q.tagValue` that tag value's rows of `perValue`.
   */
  private ofTag(
    q: { tagKey: string; tagValue?: string },
    allValues: string,
    perValue: string,
  ) {
    return q.tagValue === undefined
      ? this.db(allValues).where({ tag_key: q.tagKey })
      : this.db(perValue).where({ tag_key: q.tagKey, tag_value: q.tagValue });
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
}

/** The first day and the last day of `ranges` (not empty). */
function span(ranges: { from: string; to: string }[]): [string, string] {
  return [
    ranges.map(r => r.from).sort()[0],
    ranges
      .map(r => r.to)
      .sort()
      .pop()!,
  ];
}

/** The columns of an AmountByKey: `period` and `key` from the columns named. */
function amountByKeyColumns(period: string, key: string) {
  return { period, key, amount: 'amount', estimated: 'estimated' };
}

function normalize(rows: any[]): AmountByKey[] {
  return rows.map(r => ({
    period: String(r.period),
    key: String(r.key),
    amount: Number(r.amount),
    estimated: Boolean(Number(r.estimated)),
  }));
}
