import type {
  CostSeries,
  CostSummary,
  SeriesQuery,
  ServiceEnvironmentCosts,
  TagRef,
  UptimeQuery,
  UptimeReport,
  UsageQuery,
  UsageSeries,
} from '@internal/plugin-cost-uptime-common';
import type { CostUptimeOptions } from '../config';
import type { CostStore } from '../database/CostStore';
import type { EntityDirectory } from './EntityDirectory';
import { ReportContext } from './ReportContext';
import { SeriesReport } from './SeriesReport';
import { SummaryReport } from './SummaryReport';
import { UsageReport } from './UsageReport';

/**
 * Shapes stored data into the API's answers: sums, comparisons, currency.
 * One report per concern (SummaryReport, SeriesReport, UsageReport) over a
 * shared ReportContext; this class is what the router and actions call.
 */
export class ReportService {
  private readonly summaries: SummaryReport;
  private readonly seriesReport: SeriesReport;
  private readonly usageReport: UsageReport;

  constructor(
    store: CostStore,
    options: CostUptimeOptions,
    entities: Pick<EntityDirectory, 'list'>,
    now?: () => Date,
  ) {
    const ctx = new ReportContext(store, options, entities, now);
    this.summaries = new SummaryReport(ctx);
    this.seriesReport = new SeriesReport(ctx);
    this.usageReport = new UsageReport(ctx);
  }

  /** This month so far, its forecast, comparisons, breakdowns and movers. */
  summary(filter?: TagRef): Promise<CostSummary> {
    return this.summaries.summary(filter);
  }

  /** One service's cost per environment this month (billed days). */
  serviceCostByEnvironment(service: string): Promise<ServiceEnvironmentCosts> {
    return this.summaries.serviceCostByEnvironment(service);
  }

  /** Cost by day or month, grouped, optionally folded to the `top` keys. */
  series(q: SeriesQuery): Promise<CostSeries> {
    return this.seriesReport.series(q);
  }

  /** Availability and error budget per SLI and environment over `days` days. */
  uptime(q: UptimeQuery & { days: number }): Promise<UptimeReport> {
    return this.usageReport.uptime(q);
  }

  /** Resource usage per environment, hourly or daily. */
  usage(q: UsageQuery): Promise<UsageSeries> {
    return this.usageReport.usage(q);
  }
}
