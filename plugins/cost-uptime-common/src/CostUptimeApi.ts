import type { AllocationReport } from './allocation/report';
import type {
  CollectionRun,
  CostSeries,
  CostSummary,
  Granularity,
  GroupBy,
  ServiceEnvironmentCosts,
  TagRef,
  TriggerRunResponse,
  UptimeReport,
  UsageSeries,
} from './types';

export interface SeriesQuery {
  granularity: Granularity;
  groupBy: GroupBy;
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  /** Inclusive, YYYY-MM-DD. */
  to?: string;
  /** Only the cost under one tag value (an entity's). */
  filter?: TagRef;
  /**
   * The biggest `top` keys over the range; the rest arrive summed per period
   * as one "Other" key (see CostSeries.other). All keys when left out.
   */
  top?: number;
}

/** Which availability rows `getUptime` answers with. */
export interface UptimeQuery {
  /** The last `days` days, today included. */
  days?: number;
  /** Only one service's rows (its `service` tag value). */
  key?: string;
  /** Only one environment's rows. */
  environment?: string;
}

/** Which usage series `getUsage` answers with; a type alias, so the client can pass it as URL parameters. */
export type UsageQuery = {
  granularity: 'hour' | 'day';
  environment?: string;
  /** Inclusive, YYYY-MM-DD, or YYYY-MM-DDTHH hourly. */
  from?: string;
  /** Inclusive, YYYY-MM-DD, or YYYY-MM-DDTHH hourly. */
  to?: string;
};

/** The CSV export's rows: a series query whose grouping defaults to day x environment. */
export type CsvQuery = Omit<SeriesQuery, 'granularity' | 'groupBy' | 'top'> & {
  granularity?: Granularity;
  groupBy?: GroupBy;
};

/**
 * The cost and uptime REST API (`/api/cost-uptime`, plugins/cost-uptime-backend)
 * as the frontend and other plugins use it. `CostUptimeClient` implements it
 * over HTTP; the frontend's `costUptimeApiRef` holds one. Amounts are in the
 * portal's currency (`currency` of each answer); days are UTC `YYYY-MM-DD`.
 * Every method rejects with a `ResponseError` on an error answer.
 */
export interface CostUptimeApi {
  /**
   * This month so far, its forecast (`forecastMonth`), last month, the
   * change against the same days of last month, breakdowns by environment
   * and AWS service, and the biggest movers; for one tag value with `filter`.
   */
  getSummary(filter?: TagRef): Promise<CostSummary>;

  /** Cost by day or month, grouped by AWS service, environment or catalog entity. */
  getSeries(query: SeriesQuery): Promise<CostSeries>;

  /**
   * This month's cost of one application service (its `service` tag value)
   * in each environment; empty `environments` when nothing was collected.
   */
  getServiceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts>;

  /**
   * One environment's cluster cost split between services (allocated and
   * direct), shared and idle, over [from, to] (default this month so far).
   */
  getAllocation(query: {
    environment: string;
    from?: string;
    to?: string;
  }): Promise<AllocationReport>;

  /**
   * Availability and error budget per service and environment over the last
   * `days` days; `key` keeps one service's rows, `environment` one
   * environment's.
   */
  getUptime(options?: UptimeQuery): Promise<UptimeReport>;

  /** CPU, memory, disk, storage, network and node count per environment. */
  getUsage(options: UsageQuery): Promise<UsageSeries>;

  /** The latest collection runs, newest first, with their structured warnings. */
  getRuns(limit?: number): Promise<CollectionRun[]>;

  /**
   * Queues a collection run now (needs the cost-uptime.collection.run
   * permission); resolves to the route's answer once the scheduler has it.
   */
  triggerRun(): Promise<TriggerRunResponse>;

  /** The cost rows of a series query as CSV text. */
  exportCsv(query: CsvQuery): Promise<string>;
}
