import type {
  UptimeQuery,
  UptimeReport,
  UsageQuery,
  UsageSeries,
} from '@internal/plugin-cost-uptime-common';
import {
  aggregateAvailability,
  errorBudgetRemaining,
  sloTarget,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { ReportContext } from './ReportContext';

/** Availability against the SLOs, and resource usage per environment. */
export class UsageReport {
  constructor(private readonly ctx: ReportContext) {}

  async uptime(q: UptimeQuery & { days: number }): Promise<UptimeReport> {
    const today = this.ctx.today();
    const from = today.minus({ days: q.days - 1 }).toISODate()!;
    const to = today.toISODate()!;
    const rows = await this.ctx.store.sliDaily({
      from,
      to,
      sliKey: q.key,
      environment: q.environment,
    });
    const services = new Map(
      (await this.ctx.entities.list())
        .filter(e => e.tagKey === 'service')
        .map(e => [e.tagValue, e]),
    );
    const out: UptimeReport['rows'] = aggregateAvailability(rows).map(g => {
      const entity = services.get(g.sliKey);
      const slo = sloTarget(entity?.slo, this.ctx.options.defaultSlo);
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

  async usage(q: UsageQuery): Promise<UsageSeries> {
    const now = DateTime.fromJSDate(this.ctx.now(), { zone: 'utc' });
    const hourly = q.granularity === 'hour';
    const from =
      q.from ??
      (hourly
        ? now.minus({ hours: 48 }).toISO()!.slice(0, 13)
        : now.minus({ days: 30 }).toISODate()!);
    const to = q.to ?? (hourly ? now.toISO()!.slice(0, 13) : now.toISODate()!);
    const points = (
      await this.ctx.store.usage({
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
