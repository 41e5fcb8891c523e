import { InputError } from '@backstage/errors';
import type {
  BreakdownRow,
  CostSeries,
  CostSummary,
  Granularity,
  GroupBy,
  MoverRow,
  ServiceEnvironmentCosts,
  TagRef,
  UptimeReport,
  UsageSeries,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { CostUptimeOptions } from '../config';
import type { AmountByKey, CostStore } from '../database/CostStore';
import type { CostEntity, EntityDirectory } from './EntityDirectory';

const round = (n: number) => Math.round(n * 100) / 100;

function change(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null;
}

/** Shapes stored data into the API's answers: sums, comparisons, currency. */
export class ReportService {
  private readonly now: () => Date;

  constructor(
    private readonly store: CostStore,
    private readonly options: CostUptimeOptions,
    private readonly entities: Pick<EntityDirectory, 'list'>,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  private get primaryTagKey() {
    return this.options.costExplorer?.tagKeys[0] ?? 'environment';
  }

  private money(usd: number) {
    return round(usd * this.options.rate);
  }

  private today() {
    return DateTime.fromJSDate(this.now(), { zone: 'utc' }).startOf('day');
  }

  private async titles(tagKey: string) {
    const map = new Map<string, CostEntity>();
    for (const e of await this.entities.list()) {
      if (e.tagKey === tagKey) map.set(e.tagValue, e);
    }
    return map;
  }

  /**
   * One service's cost per environment this month (billed days; on the 1st,
   * last month), from the service x environment facts. No facts: no rows,
   * so the card shows none rather than a made-up zero.
   */
  async serviceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts> {
    const lastBilled = this.today().minus({ days: 1 });
    const from = lastBilled.startOf('month');
    const sums = await this.store.serviceEnvironmentSums({
      service,
      from: from.toISODate()!,
      to: lastBilled.toISODate()!,
    });
    return {
      currency: this.options.currency,
      service,
      month: from.toFormat('yyyy-MM'),
      ...(sums.length
        ? { from: from.toISODate()!, to: lastBilled.toISODate()! }
        : {}),
      environments: sums.map(s => ({
        environment: s.environment,
        amount: this.money(s.amount),
        estimated: s.estimated,
      })),
    };
  }

  /** Today's hourly estimates, for the whole account or one environment. */
  private async todayEstimate(filter?: TagRef) {
    if (filter && filter.tagKey !== 'environment') return null;
    const today = this.today().toISODate()!;
    const rows = (await this.store.estimates(`${today}T00`)).filter(
      r => !filter || r.environment === filter.tagValue,
    );
    if (rows.length === 0) return null;
    const hours = new Set(rows.map(r => r.hour)).size;
    return { usd: rows.reduce((a, r) => a + r.amount, 0), hours };
  }

  async summary(filter?: TagRef): Promise<CostSummary> {
    const tagKey = filter?.tagKey ?? this.primaryTagKey;
    const tagValue = filter?.tagValue;
    const today = this.today();
    const monthStart = today.startOf('month');
    const lastMonthStart = monthStart.minus({ months: 1 });
    const yesterday = today.minus({ days: 1 });
    const elapsed = Math.round(today.diff(monthStart, 'days').days);
    const iso = (d: DateTime) => d.toISODate()!;

    // Independent queries: run them side by side.
    const trendFrom = today.minus({ days: 30 });
    const [
      days,
      estimate,
      stored,
      byEnvironment,
      byService,
      movers,
      trendDays,
    ] = await Promise.all([
      this.store.totalsByDay({
        tagKey,
        tagValue,
        from: iso(lastMonthStart),
        to: iso(yesterday),
      }),
      this.todayEstimate(filter),
      filter ? undefined : this.store.forecast(today.toFormat('yyyy-MM')),
      filter
        ? Promise.resolve([])
        : this.breakdown('tag', tagKey, undefined, monthStart, today, elapsed),
      this.breakdown('service', tagKey, tagValue, monthStart, today, elapsed),
      this.movers(filter),
      this.store.totalsByDay({
        tagKey,
        tagValue,
        from: iso(trendFrom),
        to: iso(yesterday),
      }),
    ]);
    const sum = (from: DateTime, toExclusive: DateTime) =>
      days
        .filter(d => d.period >= iso(from) && d.period < iso(toExclusive))
        .reduce((a, d) => a + d.amount, 0);
    const billedMtd = sum(monthStart, today);
    const mtdEstimated = days.some(
      d => d.period >= iso(monthStart) && d.estimated,
    );
    const prevSameDays = sum(
      lastMonthStart,
      lastMonthStart.plus({ days: elapsed }),
    );
    const lastMonth = sum(lastMonthStart, monthStart);
    const mtd = billedMtd + (estimate?.usd ?? 0);

    // Forecast: Cost Explorer's for the account; extrapolation otherwise.
    const daysInMonth = today.daysInMonth!;
    let forecast: CostSummary['forecast'];
    if (stored) {
      const fromDay = DateTime.fromISO(stored.fromDay, { zone: 'utc' });
      const spanDays = daysInMonth - fromDay.day + 1;
      const remainingDays = daysInMonth - today.day + 1;
      const rest =
        spanDays > 0 ? (stored.amount * remainingDays) / spanDays : 0;
      forecast = {
        amount: this.money(billedMtd + rest),
        source: 'cost-explorer',
      };
    } else {
      const perDay =
        elapsed > 0
          ? billedMtd / elapsed
          : lastMonth / lastMonthStart.daysInMonth!;
      forecast = {
        amount: this.money(perDay * daysInMonth),
        source: 'extrapolated',
      };
    }

    const trend = trendDays.map(d => ({
      period: d.period,
      amount: this.money(d.amount),
      estimated: d.estimated,
    }));

    return {
      currency: this.options.currency,
      asOf: iso(today),
      filter,
      monthToDate: {
        amount: this.money(mtd),
        estimated: mtdEstimated || estimate !== null,
      },
      previousMonthToDate: this.money(prevSameDays),
      change: change(mtd, prevSameDays),
      lastMonth: this.money(lastMonth),
      forecast,
      todayEstimate: estimate
        ? { amount: this.money(estimate.usd), hours: estimate.hours }
        : null,
      byEnvironment,
      byService,
      movers,
      trend,
    };
  }

  private async breakdown(
    by: 'tag' | 'service',
    tagKey: string,
    tagValue: string | undefined,
    monthStart: DateTime,
    today: DateTime,
    elapsed: number,
  ): Promise<BreakdownRow[]> {
    const iso = (d: DateTime) => d.toISODate()!;
    const yesterday = today.minus({ days: 1 });
    const lastMonthStart = monthStart.minus({ months: 1 });
    const [current, previous, titles] = await Promise.all([
      this.store.sumsByKey({
        tagKey,
        tagValue,
        by,
        from: iso(monthStart),
        to: iso(yesterday),
      }),
      elapsed > 0
        ? this.store.sumsByKey({
            tagKey,
            tagValue,
            by,
            from: iso(lastMonthStart),
            to: iso(lastMonthStart.plus({ days: elapsed - 1 })),
          })
        : Promise.resolve([]),
      by === 'tag'
        ? this.titles(tagKey)
        : Promise.resolve(new Map<string, CostEntity>()),
    ]);
    const prev = new Map(previous.map(p => [p.key, p.amount]));
    const keys = new Set([...current.map(c => c.key), ...prev.keys()]);
    const cur = new Map(current.map(c => [c.key, c.amount]));
    return [...keys]
      .map(key => {
        const amount = cur.get(key) ?? 0;
        const before = prev.get(key) ?? 0;
        const entity = titles.get(key);
        return {
          key,
          entityRef: entity?.entityRef,
          title: entity?.title ?? (key === '' ? 'Untagged' : key),
          amount: this.money(amount),
          previousAmount: this.money(before),
          change: change(amount, before),
        };
      })
      .sort((a, b) => b.amount - a.amount);
  }

  /** The biggest changes of the last 7 billed days against the 7 before. */
  private async movers(filter?: TagRef): Promise<MoverRow[]> {
    const iso = (d: DateTime) => d.toISODate()!;
    const end = this.today().minus({ days: 1 });
    const weekStart = end.minus({ days: 6 });
    const prevEnd = weekStart.minus({ days: 1 });
    const prevStart = prevEnd.minus({ days: 6 });
    const tagKey = filter?.tagKey ?? this.primaryTagKey;
    const dims: { dimension: MoverRow['dimension']; by: 'tag' | 'service' }[] =
      filter
        ? [{ dimension: 'service', by: 'service' }]
        : [
            { dimension: 'environment', by: 'tag' },
            { dimension: 'service', by: 'service' },
          ];
    const rows: MoverRow[] = [];
    for (const { dimension, by } of dims) {
      const q = { tagKey, by, tagValue: filter?.tagValue };
      const [now, before] = await Promise.all([
        this.store.sumsByKey({ ...q, from: iso(weekStart), to: iso(end) }),
        this.store.sumsByKey({ ...q, from: iso(prevStart), to: iso(prevEnd) }),
      ]);
      const prev = new Map(before.map(b => [b.key, b.amount]));
      const keys = new Set([...now.map(n => n.key), ...prev.keys()]);
      const cur = new Map(now.map(n => [n.key, n.amount]));
      for (const key of keys) {
        const a = cur.get(key) ?? 0;
        const b = prev.get(key) ?? 0;
        rows.push({
          dimension,
          key,
          title: key === '' ? 'Untagged' : key,
          amount: this.money(a),
          previousAmount: this.money(b),
          delta: this.money(a - b),
        });
      }
    }
    return rows
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta))
      .slice(0, 6);
  }

  async series(q: {
    granularity: Granularity;
    groupBy: GroupBy;
    from?: string;
    to?: string;
    filter?: TagRef;
  }): Promise<CostSeries> {
    const today = this.today();
    const day = q.granularity === 'day';
    const to =
      q.to ?? (day ? today.toISODate()! : today.toFormat('yyyy-MM-dd'));
    const from =
      q.from ??
      (day
        ? today.minus({ days: 30 })
        : today.minus({ months: 11 }).startOf('month')
      ).toISODate()!;
    if (from > to) throw new InputError('from must not be after to');
    const span = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
    if (span > 800) throw new InputError('A series covers at most 800 days');
    const fromMonth = from.slice(0, 7);
    const toMonth = to.slice(0, 7);

    let points: AmountByKey[] = [];
    const keys: CostSeries['keys'] = [];
    const fetchTag = (tagKey: string, tagValue?: string) =>
      day
        ? this.store.dailyByTag({ tagKey, from, to, tagValue })
        : this.store.monthly({
            tagKey,
            fromMonth,
            toMonth,
            groupBy: 'tag',
            tagValue,
          });

    if (q.groupBy === 'service') {
      const tagKey = q.filter?.tagKey ?? this.primaryTagKey;
      points = day
        ? await this.store.dailyByService({
            tagKey,
            from,
            to,
            tagValue: q.filter?.tagValue,
          })
        : await this.store.monthly({
            tagKey,
            fromMonth,
            toMonth,
            groupBy: 'service',
            tagValue: q.filter?.tagValue,
          });
    } else if (q.groupBy === 'environment') {
      const tagKey = q.filter?.tagKey ?? this.primaryTagKey;
      points = await fetchTag(tagKey, q.filter?.tagValue);
      if (day && tagKey === 'environment' && to >= today.toISODate()!) {
        points.push(...(await this.estimatePoints(today, q.filter?.tagValue)));
      }
      const titles = await this.titles(tagKey);
      for (const key of new Set(points.map(p => p.key))) {
        const e = titles.get(key);
        keys.push({
          key,
          title: e?.title ?? (key === '' ? 'Untagged' : key),
          entityRef: e?.entityRef,
        });
      }
    } else {
      // Catalog entities: each stands for one tag value of its tag key.
      const entities = (await this.entities.list()).filter(
        e =>
          !q.filter ||
          (e.tagKey === q.filter.tagKey && e.tagValue === q.filter.tagValue),
      );
      const byKey = new Map<string, CostEntity[]>();
      for (const e of entities)
        byKey.set(e.tagKey, [...(byKey.get(e.tagKey) ?? []), e]);
      for (const [tagKey, list] of byKey) {
        const rows = await fetchTag(tagKey);
        const refs = new Map(list.map(e => [e.tagValue, e]));
        for (const r of rows) {
          const e = refs.get(r.key);
          if (e) points.push({ ...r, key: e.entityRef });
        }
        for (const e of list)
          keys.push({
            key: e.entityRef,
            title: e.title,
            entityRef: e.entityRef,
          });
      }
    }
    if (q.groupBy === 'service') {
      for (const key of new Set(points.map(p => p.key)))
        keys.push({ key, title: key });
    }
    return {
      currency: this.options.currency,
      granularity: q.granularity,
      groupBy: q.groupBy,
      from,
      to,
      keys,
      points: points.map(p => ({ ...p, amount: this.money(p.amount) })),
    };
  }

  private async estimatePoints(
    today: DateTime,
    environment?: string,
  ): Promise<AmountByKey[]> {
    const rows = await this.store.estimates(`${today.toISODate()}T00`);
    const byEnv = new Map<string, number>();
    for (const r of rows) {
      if (environment && r.environment !== environment) continue;
      byEnv.set(r.environment, (byEnv.get(r.environment) ?? 0) + r.amount);
    }
    return [...byEnv].map(([key, amount]) => ({
      period: today.toISODate()!,
      key,
      amount,
      estimated: true,
    }));
  }

  async uptime(q: { days: number; key?: string }): Promise<UptimeReport> {
    const today = this.today();
    const from = today.minus({ days: q.days - 1 }).toISODate()!;
    const to = today.toISODate()!;
    const rows = await this.store.sliDaily({ from, to, sliKey: q.key });
    const services = new Map(
      (await this.entities.list())
        .filter(e => e.tagKey === 'service')
        .map(e => [e.tagValue, e]),
    );
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = `${r.sliKey}\u0000${r.environment}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const out: UptimeReport['rows'] = [];
    for (const list of groups.values()) {
      const { sliKey, environment } = list[0];
      const hours = list.reduce((a, r) => a + r.hours, 0);
      const availability = hours
        ? list.reduce((a, r) => a + r.value * r.hours, 0) / hours
        : null;
      const entity = services.get(sliKey);
      const sloTarget = (entity?.slo ?? this.options.defaultSlo) / 100;
      out.push({
        key: sliKey,
        entityRef: entity?.entityRef,
        title: entity?.title ?? sliKey,
        environment,
        availability,
        sloTarget,
        errorBudgetRemaining:
          availability === null
            ? null
            : 1 - (1 - availability) / (1 - sloTarget),
        hours,
        daily: list.map(r => ({ day: r.day, availability: r.value })),
      });
    }
    out.sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2));
    return { days: q.days, from, to, rows: out };
  }

  async usage(q: {
    granularity: 'hour' | 'day';
    environment?: string;
    from?: string;
    to?: string;
  }): Promise<UsageSeries> {
    const now = DateTime.fromJSDate(this.now(), { zone: 'utc' });
    const hourly = q.granularity === 'hour';
    const from =
      q.from ??
      (hourly
        ? now.minus({ hours: 48 }).toISO()!.slice(0, 13)
        : now.minus({ days: 30 }).toISODate()!);
    const to = q.to ?? (hourly ? now.toISO()!.slice(0, 13) : now.toISODate()!);
    const points = (
      await this.store.usage({
        granularity: q.granularity,
        from,
        to,
        environment: q.environment,
      })
    ).map(p => ({ ...p, value: Math.round(p.value * 1000) / 1000 }));
    return {
      granularity: q.granularity,
      from,
      to,
      environments: [...new Set(points.map(p => p.environment))].sort(),
      points,
    };
  }
}
