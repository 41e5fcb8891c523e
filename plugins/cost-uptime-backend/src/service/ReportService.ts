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
import {
  addDays,
  aggregateAvailability,
  billingPeriods,
  errorBudgetRemaining,
  sloTarget,
  currentForecastMonth,
  forecastMonth,
  type BillingPeriods,
  type DayRange,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { CostUptimeOptions } from '../config';
import type { AmountByKey, CostStore } from '../database/CostStore';
import type { CostEntity, EntityDirectory } from './EntityDirectory';

const round = (n: number) => Math.round(n * 100) / 100;

function change(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null;
}

/** Code-point order, the same on every database and in every locale. */
function compareKeys(a: string, b: string) {
  return Number(a > b) - Number(a < b);
}

// The key folded keys are summed under: '#' is allowed neither in AWS tag
// values nor in entity refs.
const OTHER_KEY = '#other';

/** The `top` keys by total, largest first (ties by key, for a stable answer). */
function biggest(totals: Map<string, number>, top: number): Set<string> {
  return new Set(
    [...totals]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, top)
      .map(([key]) => key),
  );
}

/** Kept points, then per period one "Other" point; periods in order. */
function withOther(kept: AmountByKey[], other: Map<string, AmountByKey>) {
  return [...kept, ...other.values()].sort((a, b) =>
    compareKeys(a.period, b.period),
  );
}

/**
 * Keeps the `top` keys with the largest total over the series and sums the
 * others per period into one "Other" key: a chart draws a handful of stacks,
 * and 500 environments x 31 days of points made the answer ~1 MB.
 */
function foldSmallKeys(
  points: AmountByKey[],
  keys: CostSeries['keys'],
  top: number,
): {
  points: AmountByKey[];
  keys: CostSeries['keys'];
  other: { key: string; count: number };
} {
  const totals = new Map<string, number>(keys.map(k => [k.key, 0]));
  for (const p of points)
    totals.set(p.key, (totals.get(p.key) ?? 0) + p.amount);
  const kept = biggest(totals, top);
  const others = new Map<string, AmountByKey>();
  for (const p of points) {
    if (kept.has(p.key)) continue;
    const o = others.get(p.period);
    if (o) {
      o.amount += p.amount;
      o.estimated = o.estimated || p.estimated;
    } else others.set(p.period, { ...p, key: OTHER_KEY });
  }
  return {
    points: withOther(
      points.filter(p => kept.has(p.key)),
      others,
    ),
    keys: [
      ...keys.filter(k => kept.has(k.key)),
      { key: OTHER_KEY, title: 'Other' },
    ],
    other: { key: OTHER_KEY, count: totals.size - kept.size },
  };
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

  /** The summary's periods today, from the newest billed day stored. */
  private async periods(tagKey: string): Promise<BillingPeriods> {
    return billingPeriods(this.now(), await this.store.latestCostDay(tagKey));
  }

  /**
   * One service's cost per environment this month (billed days; last month
   * while this month has none), from the service x environment facts. No
   * facts: no rows, so the card shows none rather than a made-up zero.
   */
  async serviceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts> {
    const p = await this.periods(this.primaryTagKey);
    const range = p.billed.days > 0 ? p.billed : p.lastMonth;
    const sums = await this.store.serviceEnvironmentSums({
      service,
      from: range.from,
      to: range.to,
    });
    return {
      currency: this.options.currency,
      service,
      month: range.from.slice(0, 7),
      ...(sums.length ? { from: range.from, to: range.to } : {}),
      environments: sums.map(s => ({
        environment: s.environment,
        amount: this.money(s.amount),
        estimated: s.estimated,
      })),
    };
  }

  /**
   * Hourly estimates from `fromDay` through today, for the whole account or
   * one environment; null when there are none (or the filter is no environment).
   */
  private async estimatesFrom(fromDay: string, filter?: TagRef) {
    if (filter && filter.tagKey !== 'environment') return null;
    const today = this.today().toISODate()!;
    if (fromDay > today) return null;
    const rows = (await this.store.estimates(`${fromDay}T00`)).filter(
      r =>
        r.hour.slice(0, 10) <= today &&
        (!filter || r.environment === filter.tagValue),
    );
    if (rows.length === 0) return null;
    const todays = rows.filter(r => r.hour.startsWith(today));
    return {
      usd: rows.reduce((a, r) => a + r.amount, 0),
      today: todays.length
        ? {
            usd: todays.reduce((a, r) => a + r.amount, 0),
            hours: new Set(todays.map(r => r.hour)).size,
          }
        : null,
    };
  }

  async summary(filter?: TagRef): Promise<CostSummary> {
    const tagKey = filter?.tagKey ?? this.primaryTagKey;
    const tagValue = filter?.tagValue;
    const p = await this.periods(tagKey);
    const yesterday = addDays(p.today, -1);
    const trendFrom = addDays(p.today, -30);
    const { breakdown } = p;
    const ranges = [
      breakdown.current,
      breakdown.previous,
      p.lastWeek,
      p.weekBefore,
    ].map(r => ({ from: r.from, to: r.to }));
    const daysFrom = [
      breakdown.previous.from,
      p.lastMonth.from,
      p.lastWeek.from,
      trendFrom,
    ]
      .sort()
      .at(0)!;

    // Independent queries: run them side by side.
    const [allDays, estimates, stored, byTag, byServiceSums, titles] =
      await Promise.all([
        this.store.totalsByDay({
          tagKey,
          tagValue,
          from: daysFrom,
          to: yesterday,
        }),
        this.estimatesFrom(p.unbilledFrom, filter),
        filter ? undefined : this.store.forecast(p.month),
        filter
          ? undefined
          : this.store.sumsByKeyOverRanges({ tagKey, by: 'tag', ranges }),
        this.store.sumsByKeyOverRanges({
          tagKey,
          tagValue,
          by: 'service',
          ranges,
        }),
        filter ? new Map<string, CostEntity>() : this.titles(tagKey),
      ]);
    const within = (r: DayRange) =>
      allDays.filter(d => d.period >= r.from && d.period <= r.to);
    const sum = (r: DayRange) => within(r).reduce((a, d) => a + d.amount, 0);
    const complete = (r: DayRange) => r.days > 0 && within(r).length >= r.days;

    const previousDaysStored = within(breakdown.previous).length;
    const comparable = complete(breakdown.previous);
    const byEnvironment = byTag
      ? this.breakdown(byTag, titles, comparable)
      : [];
    const byService = this.breakdown(byServiceSums, new Map(), comparable);
    const movers = this.movers([
      ...(byTag ? [{ dimension: 'environment' as const, sums: byTag }] : []),
      { dimension: 'service' as const, sums: byServiceSums },
    ]);

    const billed = sum(p.billed);
    const prevSameDays = sum(p.sameDaysLastMonth);
    const lastMonth = sum(p.lastMonth);
    const projection = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed,
      unbilledEstimate: estimates?.usd ?? 0,
      runRate: { amount: sum(p.lastWeek), days: within(p.lastWeek).length },
      costExplorer: stored,
    });
    const mtdEstimated =
      within(p.billed).some(d => d.estimated) || (estimates?.usd ?? 0) > 0;

    return {
      currency: this.options.currency,
      asOf: p.today,
      filter,
      periods: p,
      monthToDate: {
        amount: this.money(projection.monthToDate),
        estimated: mtdEstimated,
      },
      billedToDate: this.money(billed),
      unbilledEstimate: this.money(estimates?.usd ?? 0),
      previousMonthToDate: this.money(prevSameDays),
      change:
        p.billed.days > 0 && complete(p.sameDaysLastMonth)
          ? change(billed, prevSameDays)
          : null,
      lastMonth: this.money(lastMonth),
      forecast: {
        amount: this.money(projection.forecast),
        source: projection.source,
      },
      todayEstimate: estimates?.today
        ? {
            amount: this.money(estimates.today.usd),
            hours: estimates.today.hours,
          }
        : null,
      byEnvironment,
      byService,
      breakdownPreviousDaysStored: previousDaysStored,
      movers,
      trend: allDays
        .filter(d => d.period >= trendFrom)
        .map(d => ({
          period: d.period,
          amount: this.money(d.amount),
          estimated: d.estimated,
        })),
    };
  }

  /**
   * The breakdown's current period (sums[0]) vs its previous one (sums[1]);
   * no change when the previous period is not stored in full.
   */
  private breakdown(
    sums: { key: string; amount: number }[][],
    titles: Map<string, CostEntity>,
    comparable: boolean,
  ): BreakdownRow[] {
    const [current, previous] = sums;
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
          change: comparable ? change(amount, before) : null,
        };
      })
      .sort((a, b) => b.amount - a.amount);
  }

  /**
   * The biggest changes of the last 7 billed days (sums[2]) against the 7
   * before (sums[3]).
   */
  private movers(
    dims: {
      dimension: MoverRow['dimension'];
      sums: { key: string; amount: number }[][];
    }[],
  ): MoverRow[] {
    const rows: MoverRow[] = [];
    for (const { dimension, sums } of dims) {
      const [, , now, before] = sums;
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
    top?: number;
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
    let other: CostSeries['other'];
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
      const estimates =
        day && tagKey === 'environment' && to >= today.toISODate()!
          ? await this.estimatePoints(today, q.filter?.tagValue)
          : [];
      const top =
        day && q.top !== undefined && !q.filter
          ? await this.topTagsByDay(tagKey, from, to, q.top, estimates)
          : undefined;
      if (top) {
        points = top.points;
        other = top.other;
      } else {
        points = await fetchTag(tagKey, q.filter?.tagValue);
        points.push(...estimates);
      }
      const titles = await this.titles(tagKey);
      for (const key of new Set(points.map(p => p.key))) {
        if (key === other?.key) continue;
        const e = titles.get(key);
        keys.push({
          key,
          title: e?.title ?? (key === '' ? 'Untagged' : key),
          entityRef: e?.entityRef,
        });
      }
      if (other) keys.push({ key: other.key, title: 'Other' });
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
    const folded =
      !other && q.top !== undefined && keys.length > q.top
        ? foldSmallKeys(points, keys, q.top)
        : { points, keys, other };
    return {
      currency: this.options.currency,
      granularity: q.granularity,
      groupBy: q.groupBy,
      from,
      to,
      keys: folded.keys,
      points: folded.points.map(p => ({ ...p, amount: this.money(p.amount) })),
      ...(folded.other && { other: folded.other }),
    };
  }

  /**
   * The daily series by tag value folded to the `top` biggest, without
   * reading the others: their sum per day is the day's overall total minus
   * the kept ones, and the overall rollup's counts say whether any of them
   * had cost or an estimate that day. Undefined when there are no more tag
   * values than `top` (the full series is then the answer).
   */
  private async topTagsByDay(
    tagKey: string,
    from: string,
    to: string,
    top: number,
    estimates: AmountByKey[],
  ): Promise<
    | { points: AmountByKey[]; other: NonNullable<CostSeries['other']> }
    | undefined
  > {
    const [sums, overall] = await Promise.all([
      this.store.sumsByKey({ tagKey, from, to, by: 'tag' }),
      this.store.overallByDay({ tagKey, from, to }),
    ]);
    const totals = new Map(sums.map(s => [s.key, s.amount]));
    for (const e of estimates)
      totals.set(e.key, (totals.get(e.key) ?? 0) + e.amount);
    if (totals.size <= top) return undefined;
    const kept = biggest(totals, top);
    const keptPoints = await this.store.dailyByTag({
      tagKey,
      from,
      to,
      tagValues: [...kept],
    });
    const keptByDay = new Map<
      string,
      { amount: number; count: number; estimated: number }
    >();
    for (const p of keptPoints) {
      const k = keptByDay.get(p.period) ?? {
        amount: 0,
        count: 0,
        estimated: 0,
      };
      k.amount += p.amount;
      k.count += 1;
      if (p.estimated) k.estimated += 1;
      keptByDay.set(p.period, k);
    }
    const others = new Map<string, AmountByKey>();
    const addOther = (p: AmountByKey) => {
      const o = others.get(p.period);
      if (o) {
        o.amount += p.amount;
        o.estimated = o.estimated || p.estimated;
      } else others.set(p.period, { ...p, key: OTHER_KEY });
    };
    for (const o of overall) {
      const k = keptByDay.get(o.period) ?? {
        amount: 0,
        count: 0,
        estimated: 0,
      };
      if (o.tagValues > k.count) {
        addOther({
          period: o.period,
          key: OTHER_KEY,
          amount: o.amount - k.amount,
          estimated: o.estimatedTagValues > k.estimated,
        });
      }
    }
    const keptEstimates: AmountByKey[] = [];
    for (const e of estimates) {
      if (kept.has(e.key)) keptEstimates.push(e);
      else addOther(e);
    }
    return {
      points: withOther([...keptPoints, ...keptEstimates], others),
      other: { key: OTHER_KEY, count: totals.size - kept.size },
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
    const out: UptimeReport['rows'] = aggregateAvailability(rows).map(g => {
      const entity = services.get(g.sliKey);
      const slo = sloTarget(entity?.slo, this.options.defaultSlo);
      return {
        key: g.sliKey,
        entityRef: entity?.entityRef,
        title: entity?.title ?? g.sliKey,
        environment: g.environment,
        availability: g.availability,
        sloTarget: slo,
        errorBudgetRemaining: errorBudgetRemaining(g.availability, slo),
        hours: g.hours,
        daily: g.daily,
      };
    });
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
