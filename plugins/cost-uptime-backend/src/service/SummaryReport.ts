import type {
  BreakdownRow,
  CostSummary,
  MoverRow,
  ServiceEnvironmentCosts,
  TagRef,
} from '@internal/plugin-cost-uptime-common';
import {
  addDays,
  currentForecastMonth,
  forecastMonth,
  type DayRange,
} from '@internal/plugin-cost-uptime-common';
import type { CostEntity } from './EntityDirectory';
import type { ReportContext } from './ReportContext';

function change(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null;
}

/**
 * The cost summary (this month so far, its forecast, comparisons,
 * breakdowns, movers, trend) and one service's cost per environment.
 */
export class SummaryReport {
  constructor(private readonly ctx: ReportContext) {}

  /**
   * One service's cost per environment this month (billed days; last month
   * while this month has none), from the service x environment facts. No
   * facts: no rows, so the card shows none rather than a made-up zero.
   */
  async serviceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts> {
    const p = await this.ctx.periods(this.ctx.primaryTagKey);
    const range = p.billed.days > 0 ? p.billed : p.lastMonth;
    const sums = await this.ctx.store.serviceEnvironmentSums({
      service,
      from: range.from,
      to: range.to,
    });
    return {
      currency: this.ctx.options.currency,
      service,
      month: range.from.slice(0, 7),
      ...(sums.length ? { from: range.from, to: range.to } : {}),
      environments: sums.map(s => ({
        environment: s.environment,
        amount: this.ctx.money(s.amount),
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
    const today = this.ctx.today().toISODate()!;
    if (fromDay > today) return null;
    const rows = (await this.ctx.store.estimates(`${fromDay}T00`)).filter(
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
    const tagKey = filter?.tagKey ?? this.ctx.primaryTagKey;
    const tagValue = filter?.tagValue;
    const p = await this.ctx.periods(tagKey);
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
    const [allDays, estimates, stored, byTag, byAwsServiceSums, titles] =
      await Promise.all([
        this.ctx.store.totalsByDay({
          tagKey,
          tagValue,
          from: daysFrom,
          to: yesterday,
        }),
        this.estimatesFrom(p.unbilledFrom, filter),
        filter ? undefined : this.ctx.store.forecast(p.month),
        filter
          ? undefined
          : this.ctx.store.sumsByKeyOverRanges({ tagKey, by: 'tag', ranges }),
        this.ctx.store.sumsByKeyOverRanges({
          tagKey,
          tagValue,
          by: 'awsService',
          ranges,
        }),
        filter ? new Map<string, CostEntity>() : this.ctx.titles(tagKey),
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
    const byAwsService = this.breakdown(
      byAwsServiceSums,
      new Map(),
      comparable,
    );
    const movers = this.movers([
      ...(byTag ? [{ dimension: 'environment' as const, sums: byTag }] : []),
      { dimension: 'awsService' as const, sums: byAwsServiceSums },
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
      currency: this.ctx.options.currency,
      asOf: p.today,
      filter,
      periods: p,
      monthToDate: {
        amount: this.ctx.money(projection.monthToDate),
        estimated: mtdEstimated,
      },
      billedToDate: this.ctx.money(billed),
      unbilledEstimate: this.ctx.money(estimates?.usd ?? 0),
      previousMonthToDate: this.ctx.money(prevSameDays),
      change:
        p.billed.days > 0 && complete(p.sameDaysLastMonth)
          ? change(billed, prevSameDays)
          : null,
      lastMonth: this.ctx.money(lastMonth),
      forecast: {
        amount: this.ctx.money(projection.forecast),
        source: projection.source,
      },
      todayEstimate: estimates?.today
        ? {
            amount: this.ctx.money(estimates.today.usd),
            hours: estimates.today.hours,
          }
        : null,
      byEnvironment,
      byAwsService,
      breakdownPreviousDaysStored: previousDaysStored,
      movers,
      trend: allDays
        .filter(d => d.period >= trendFrom)
        .map(d => ({
          period: d.period,
          amount: this.ctx.money(d.amount),
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
          amount: this.ctx.money(amount),
          previousAmount: this.ctx.money(before),
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
          amount: this.ctx.money(a),
          previousAmount: this.ctx.money(b),
          delta: this.ctx.money(a - b),
        });
      }
    }
    return rows
      .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta))
      .slice(0, 6);
  }
}
