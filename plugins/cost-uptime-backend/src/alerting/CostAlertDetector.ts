import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  AlertEvent,
  AlertsService,
  AvailabilityBelowSloEvent,
  CostGrowthEvent,
  CostOverBudgetEvent,
  CostUntaggedEvent,
} from '@internal/plugin-alerts-node';
import {
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_SERVICE,
  addDays,
  aggregateAvailability,
  billingPeriods,
  meetsSlo,
  sloTarget,
  forecastMonth,
  lastBilledForecastMonth,
  runRateWindow,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { AlertOptions, CostUptimeOptions } from '../config';
import type { CostStore } from '../database/CostStore';
import type { CostEntity, EntityDirectory } from '../service/EntityDirectory';
import type { AlertDetector, DetectionResult } from './AlertDetector';

/** Prefix of every event id this plugin raises (the alerts backend dedupes by id). */
const ID_PREFIX = 'cost-uptime';

/**
 * Amounts are compared in whole cents: stored amounts are sums of doubles
 * (a budget of 500 must be reached by 499.99999999 + 0.00000001).
 */
const cents = (amount: number) => Math.round(amount * 100);
const round2 = (amount: number) => cents(amount) / 100;
const iso = (d: DateTime) => d.toISODate()!;

export interface CostAlertDetectorOptions {
  store: CostStore;
  options: CostUptimeOptions & { alerts: AlertOptions };
  alerts: AlertsService;
  entities: Pick<EntityDirectory, 'list'>;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The cost and uptime alerts, from the data the collector stored:
 *
 * - over budget: an environment's month so far (or its forecast) reaches its
 *   monthly budget (entity annotation, else config); once per month each;
 * - growth: the last billed day against the day before, the last complete
 *   ISO week against the week before, above a percentage and an amount;
 * - untagged: cost without the environment tag above a share of the month;
 * - availability below the SLO over a window, per service and environment.
 *
 * Cost rules use complete billed days (before today) only; the estimate for
 * today from Prometheus is too rough to alert on. Event ids are stable per
 * rule, subject and period, so a second run in the same period raises the
 * same ids and the alerts backend sends each once.
 */
export class CostAlertDetector implements AlertDetector {
  private readonly now: () => Date;

  constructor(private readonly deps: CostAlertDetectorOptions) {
    this.now = deps.now ?? (() => new Date());
  }

  async detect(): Promise<DetectionResult> {
    const { alerts, logger } = this.deps;
    // Strict: owners and annotated budgets must come from the catalog, not
    // from an empty answer while it is unreachable (the run records why).
    const entities = await this.deps.entities.list({ strict: true });
    if (entities.length === 0) {
      // Right after start the catalog may not have read its locations yet:
      // alerts now would miss their owners, annotated budgets and SLOs, and
      // their ids would keep the right ones from being sent later.
      throw new Error(
        `no catalog entity has a ${ANNOTATION_ENVIRONMENT} or ${ANNOTATION_SERVICE} annotation (yet); alerts are checked again after the next run`,
      );
    }
    const events: AlertEvent[] = [
      ...(await this.costEvents(entities)),
      ...(await this.availabilityEvents(entities)),
    ];
    const raised: DetectionResult['raised'] = [];
    for (const event of events) {
      raised.push({ event, result: await alerts.raise(event) });
    }
    if (raised.length > 0) {
      logger.info(
        `Cost and uptime alerts: ${raised
          .map(r => `${r.result.id} ${r.result.status}`)
          .join(', ')}`,
      );
    }
    return { raised };
  }

  private get settings() {
    return this.deps.options.alerts;
  }

  private money(usd: number) {
    return usd * this.deps.options.rate;
  }

  private async costEvents(entities: CostEntity[]): Promise<AlertEvent[]> {
    const { store } = this.deps;
    const tagKey = 'environment';
    const { lastBilled, today } = billingPeriods(
      this.now(),
      await store.latestCostDay(tagKey),
    );
    if (!lastBilled) return [];
    // The month of the last billed day: on the 1st, last month's budget is
    // checked against its last day, which has only just been billed.
    const last = DateTime.fromISO(lastBilled, { zone: 'utc' });

    const byValue = new Map(
      entities.filter(e => e.tagKey === tagKey).map(e => [e.tagValue, e]),
    );
    const context = { tagKey, last, today, byValue };
    return [
      ...(await this.overBudget(context)),
      ...(await this.dayGrowth(context)),
      ...(await this.weekGrowth(context)),
      ...(await this.untagged(context)),
    ];
  }

  private async overBudget(c: Context): Promise<CostOverBudgetEvent[]> {
    const { store } = this.deps;
    const budgets = new Map(Object.entries(this.settings.budgets));
    // The annotation on the environment's entity wins over config.
    for (const [value, entity] of c.byValue) {
      if (entity.budget !== undefined) budgets.set(value, entity.budget);
    }
    if (budgets.size === 0) return [];

    const month = c.last.toFormat('yyyy-MM');
    const lastBilled = iso(c.last);
    const basis = lastBilledForecastMonth(lastBilled);
    const window = runRateWindow(lastBilled);
    const [monthSums, recent, unbilled] = await Promise.all([
      store.sumsByKey({
        tagKey: c.tagKey,
        by: 'tag',
        from: basis.month.from,
        to: lastBilled,
      }),
      store.dailyByTag({ tagKey: c.tagKey, from: window.from, to: window.to }),
      this.unbilledEstimates(c, basis.month.to),
    ]);
    const soFar = new Map(monthSums.map(s => [s.key, s.amount]));

    const events: CostOverBudgetEvent[] = [];
    for (const [environment, budget] of budgets) {
      const amount = this.money(soFar.get(environment) ?? 0);
      const base = {
        type: 'cost.over-budget' as const,
        environment,
        month,
        budget,
        currency: this.deps.options.currency,
        ...this.target(c.byValue.get(environment)),
      };
      if (cents(amount) >= cents(budget)) {
        events.push({
          ...base,
          id: `${ID_PREFIX}:cost.over-budget:${environment}:${month}`,
          amount: round2(amount),
        });
        continue;
      }
      if (!this.settings.forecastOverBudget) continue;
      // The dashboard's forecast rule, on the same stored figures.
      const own = recent.filter(r => r.key === environment);
      const forecast = this.money(
        forecastMonth({
          forecastMonth: basis,
          today: c.today,
          billed: soFar.get(environment) ?? 0,
          unbilledEstimate: unbilled.get(environment) ?? 0,
          runRate: {
            amount: own.reduce((a, r) => a + r.amount, 0),
            days: new Set(own.map(r => r.period)).size,
          },
        }).forecast,
      );
      if (cents(forecast) >= cents(budget)) {
        events.push({
          ...base,
          id: `${ID_PREFIX}:cost.over-budget:${environment}:${month}:forecast`,
          amount: round2(forecast),
          forecast: true,
        });
      }
    }
    return events;
  }

  /**
   * Hourly estimates (USD) per environment of the days after the last billed
   * one, through today and the forecast month's end: what the summary counts
   * as the month's unbilled estimate. Only the environment tag has them.
   */
  private async unbilledEstimates(
    c: Context,
    monthEnd: string,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (c.tagKey !== 'environment') return out;
    const through = c.today < monthEnd ? c.today : monthEnd;
    const from = addDays(iso(c.last), 1);
    for (const r of await this.deps.store.estimates(`${from}T00`)) {
      if (r.hour.slice(0, 10) > through) continue;
      out.set(r.environment, (out.get(r.environment) ?? 0) + r.amount);
    }
    return out;
  }

  private async dayGrowth(c: Context): Promise<CostGrowthEvent[]> {
    const day = iso(c.last);
    const before = iso(c.last.minus({ days: 1 }));
    const rows = await this.deps.store.dailyByTag({
      tagKey: c.tagKey,
      from: before,
      to: day,
    });
    // The day before not stored at all (the start of the data): no baseline.
    if (!rows.some(r => r.period === before)) return [];
    const amounts = (period: string) =>
      new Map(
        rows
          .filter(r => r.period === period)
          .map(r => [r.key, this.money(r.amount)]),
      );
    return this.growth(c, {
      period: 'day',
      periodLabel: day,
      current: amounts(day),
      previous: amounts(before),
      minimum: this.settings.growthMinimumAmount,
    });
  }

  private async weekGrowth(c: Context): Promise<CostGrowthEvent[]> {
    // The last complete ISO week (Monday to Sunday) against the week before.
    const weekEnd =
      c.last.weekday === 7 ? c.last : c.last.startOf('week').minus({ days: 1 });
    const weekStart = weekEnd.startOf('week');
    const previousStart = weekStart.minus({ weeks: 1 });
    const { store } = this.deps;
    const days = await store.totalsByDay({
      tagKey: c.tagKey,
      from: iso(previousStart),
      to: iso(weekEnd),
    });
    // Both weeks must be stored in full, or a half week looks like growth.
    if (days.length < 14) return [];
    const sums = async (from: DateTime, to: DateTime) =>
      new Map(
        (
          await store.sumsByKey({
            tagKey: c.tagKey,
            by: 'tag',
            from: iso(from),
            to: iso(to),
          })
        ).map(s => [s.key, this.money(s.amount)]),
      );
    return this.growth(c, {
      period: 'week',
      periodLabel: weekStart.toFormat("kkkk-'W'WW"),
      current: await sums(weekStart, weekEnd),
      previous: await sums(previousStart, weekStart.minus({ days: 1 })),
      minimum: 7 * this.settings.growthMinimumAmount,
    });
  }

  private growth(
    c: Context,
    q: {
      period: 'day' | 'week';
      periodLabel: string;
      current: Map<string, number>;
      previous: Map<string, number>;
      minimum: number;
    },
  ): CostGrowthEvent[] {
    const thresholdPercent = this.settings.growthThresholdPercent[q.period];
    const events: CostGrowthEvent[] = [];
    for (const [environment, current] of q.current) {
      // Untagged cost is its own rule.
      if (environment === '') continue;
      const previous = q.previous.get(environment) ?? 0;
      if (cents(current) < cents(q.minimum) || cents(previous) <= 0) continue;
      if (cents(current) * 100 < cents(previous) * (100 + thresholdPercent)) {
        continue;
      }
      events.push({
        type: 'cost.growth',
        id: `${ID_PREFIX}:cost.growth:${environment}:${q.period}:${q.periodLabel}`,
        environment,
        period: q.period,
        periodLabel: q.periodLabel,
        previous: round2(previous),
        current: round2(current),
        thresholdPercent,
        currency: this.deps.options.currency,
        ...this.target(c.byValue.get(environment)),
      });
    }
    return events;
  }

  private async untagged(c: Context): Promise<CostUntaggedEvent[]> {
    const month = c.last.toFormat('yyyy-MM');
    const sums = await this.deps.store.sumsByKey({
      tagKey: c.tagKey,
      by: 'tag',
      from: iso(c.last.startOf('month')),
      to: iso(c.last),
    });
    const total = this.money(sums.reduce((a, s) => a + s.amount, 0));
    const amount = this.money(sums.find(s => s.key === '')?.amount ?? 0);
    const { untaggedMaxShare, untaggedMinimumAmount } = this.settings;
    if (total <= 0 || cents(amount) < cents(untaggedMinimumAmount)) return [];
    // In cents, so exactly the allowed share counts as reaching it.
    if (cents(amount) < untaggedMaxShare * cents(total) - 1e-6) return [];
    return [
      {
        type: 'cost.untagged',
        id: `${ID_PREFIX}:cost.untagged:${month}`,
        periodLabel: month,
        share: Math.min(1, Math.round((amount / total) * 10_000) / 10_000),
        thresholdShare: untaggedMaxShare,
        amount: round2(amount),
        currency: this.deps.options.currency,
        // No entity owns untagged cost: the alerts backend's fallback
        // recipients (platform admins) get it.
        link: '/cost-uptime',
      },
    ];
  }

  private async availabilityEvents(
    entities: CostEntity[],
  ): Promise<AvailabilityBelowSloEvent[]> {
    const { availabilityWindowDays: days, availabilityMinimumHours } =
      this.settings;
    const today = DateTime.fromJSDate(this.now(), { zone: 'utc' }).startOf(
      'day',
    );
    // The same window as the dashboard's uptime table for `days`.
    const rows = await this.deps.store.sliDaily({
      from: iso(today.minus({ days: days - 1 })),
      to: iso(today),
    });
    const services = new Map(
      entities.filter(e => e.tagKey === 'service').map(e => [e.tagValue, e]),
    );
    const window = `${days}d`;
    const events: AvailabilityBelowSloEvent[] = [];
    for (const g of aggregateAvailability(rows)) {
      if (g.availability === null || g.hours < availabilityMinimumHours)
        continue;
      const entity = services.get(g.sliKey);
      const slo = sloTarget(entity?.slo, this.deps.options.defaultSlo);
      if (meetsSlo(g.availability, slo)) continue;
      events.push({
        type: 'uptime.below-slo',
        // Once a day while it stays below.
        id: `${ID_PREFIX}:uptime.below-slo:${g.sliKey}:${
          g.environment
        }:${window}:${iso(today)}`,
        service: g.sliKey,
        environment: g.environment,
        availability: g.availability,
        slo,
        window,
        ...this.target(entity),
      });
    }
    return events;
  }

  /** The entity whose owners hear it, and its Cost & Uptime tab. */
  private target(entity: CostEntity | undefined) {
    if (!entity) return { link: '/cost-uptime' };
    const { kind, namespace, name } = parseEntityRef(entity.entityRef);
    return {
      entityRef: entity.entityRef,
      link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
        'en-US',
      )}/${name}/cost-uptime`,
    };
  }
}

interface Context {
  tagKey: string;
  /** The last complete billed day. */
  last: DateTime;
  /** Today (UTC), YYYY-MM-DD. */
  today: string;
  /** Catalog entities of the primary tag key, by tag value. */
  byValue: Map<string, CostEntity>;
}
