import type { BillingPeriods } from './periods';

/**
 * Shapes of the cost and uptime REST API (plugins/cost-uptime-backend), shared
 * by the backend router and the frontend client.
 */

/** Currencies the portal formats; amounts are converted from USD by a configured rate. */
export type Currency = 'USD' | 'KRW';

/**
 * A cost-allocation tag key and value that one series or catalog entity stands
 * for, e.g. environment=dev-a or service=shop-backend. Value '' is untagged cost.
 */
export interface TagRef {
  tagKey: string;
  tagValue: string;
}

export interface Amount {
  amount: number;
  /** Part of the amount is still `Estimated` by AWS or by the hourly node estimate. */
  estimated: boolean;
}

export interface BreakdownRow {
  key: string;
  /** The catalog entity this tag value belongs to, when one has the annotation. */
  entityRef?: string;
  title?: string;
  amount: number;
  previousAmount: number;
  /** (amount - previous) / previous; null when the previous period had nothing. */
  change: number | null;
}

export interface MoverRow {
  /** The dimension the key belongs to. */
  dimension: 'environment' | 'awsService' | 'entity';
  key: string;
  title?: string;
  amount: number;
  previousAmount: number;
  delta: number;
}

export interface CostSummary {
  currency: Currency;
  /** Today in UTC (billing days are UTC days). */
  asOf: string;
  filter?: TagRef;
  /**
   * The days each figure covers (billed days this month, their comparison,
   * the breakdowns' periods), from the shared `billingPeriods`.
   */
  periods: BillingPeriods;
  /**
   * This month's billed days plus the estimates for its days not billed yet
   * (on the 1st and while Cost Explorer lags, estimates only).
   */
  monthToDate: Amount;
  /** The billed part of monthToDate (`periods.billed`). */
  billedToDate: number;
  /** The estimated part of monthToDate: hourly node estimates of unbilled days. */
  unbilledEstimate: number;
  /** Last month's first `periods.sameDaysLastMonth` days, the fair comparison. */
  previousMonthToDate: number;
  /**
   * (billedToDate - previousMonthToDate) / previousMonthToDate; null while
   * this month has no billed day or those days of last month are not all stored.
   */
  change: number | null;
  lastMonth: number;
  /** Month to date + Cost Explorer's forecast for the rest of the month. */
  forecast: {
    amount: number;
    /**
     * 'cost-explorer' (GetCostForecast) or 'extrapolated' (the billed days
     * plus the run rate for the days not billed yet, see forecastMonth).
     */
    source: 'cost-explorer' | 'extrapolated';
  };
  /** Today's near-real-time estimate (nodes x price + EKS + EBS), hourly. */
  todayEstimate: { amount: number; hours: number } | null;
  /**
   * `periods.breakdown.current` vs `.previous`: this month's billed days vs
   * the same days of last month, or last month vs the month before while
   * this month has no billed day.
   */
  byEnvironment: BreakdownRow[];
  byAwsService: BreakdownRow[];
  /** Days of `periods.breakdown.previous` with stored cost (fewer: no change is given). */
  breakdownPreviousDaysStored: number;
  /** Largest absolute changes over the last 7 days vs. the 7 days before. */
  movers: MoverRow[];
  /** Billed daily totals of the last 30 days, for sparklines (today's partial estimate is left out). */
  trend: { period: string; amount: number; estimated: boolean }[];
}

/** One service's cost in each environment, this month so far (billed days). */
export interface ServiceEnvironmentCosts {
  currency: Currency;
  /** The `service` tag value. */
  service: string;
  /** YYYY-MM. */
  month: string;
  /** First and last billed day summed (YYYY-MM-DD); absent without data. */
  from?: string;
  to?: string;
  environments: {
    /** The `environment` tag value ('' is cost without the tag). */
    environment: string;
    amount: number;
    estimated: boolean;
  }[];
}

export type Granularity = 'day' | 'month';
export type GroupBy = 'awsService' | 'environment' | 'entity';

export interface CostSeriesPoint {
  /** YYYY-MM-DD for days, YYYY-MM for months. */
  period: string;
  key: string;
  amount: number;
  estimated: boolean;
}

export interface CostSeries {
  currency: Currency;
  granularity: Granularity;
  groupBy: GroupBy;
  from: string;
  to: string;
  keys: { key: string; title?: string; entityRef?: string }[];
  points: CostSeriesPoint[];
  /**
   * Present when the request asked for the `top` keys only: the points of
   * every other key are summed per period under `key` (listed in `keys` as
   * "Other"), `count` says how many keys that stands for.
   */
  other?: { key: string; count: number };
}

export interface UptimeRow {
  /** The SLI's key: the service tag value / Prometheus job. */
  key: string;
  entityRef?: string;
  title?: string;
  environment?: string;
  /** Share of good hours' samples over the window, 0..1; null without data. */
  availability: number | null;
  /** Target as a fraction, e.g. 0.995. */
  sloTarget: number;
  /** Share of the error budget left, 1 = untouched, below 0 = SLO missed. */
  errorBudgetRemaining: number | null;
  /** Hours with data in the window. */
  hours: number;
  /** Daily availability for a sparkline. */
  daily: { day: string; availability: number }[];
}

export interface UptimeReport {
  days: number;
  from: string;
  to: string;
  rows: UptimeRow[];
}

export type UsageMetric =
  | 'cpu_percent'
  | 'memory_percent'
  | 'disk_percent'
  | 'pv_gb'
  | 'network_kbps'
  | 'nodes';

export const USAGE_METRICS: UsageMetric[] = [
  'cpu_percent',
  'memory_percent',
  'disk_percent',
  'pv_gb',
  'network_kbps',
  'nodes',
];

export interface UsagePoint {
  /** ISO timestamp of the hour, or YYYY-MM-DD for daily averages. */
  ts: string;
  environment: string;
  metric: UsageMetric;
  value: number;
}

export interface UsageSeries {
  granularity: 'hour' | 'day';
  from: string;
  to: string;
  environments: string[];
  points: UsagePoint[];
}

/**
 * 'partial': billing data was stored but a Prometheus server could not be
 * read, or the alerts after the run could not be checked or raised.
 */
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** What went wrong in a run that still stored its data. */
export type RunWarningCode =
  /** A Prometheus server could not be read: no usage or uptime for its environment. */
  | 'prometheus-failed'
  /** The cluster cost allocation of an environment failed. */
  | 'allocation-failed'
  /** The alert detector failed. */
  | 'alerts-failed'
  /** Some alerts could not be handed to the alerts backend. */
  | 'alerts-not-raised';

/** One warning of a `partial` run. */
export interface RunWarning {
  code: RunWarningCode;
  /** The part of the collection: 'prometheus', 'allocation' or 'alerts'. */
  source: 'prometheus' | 'allocation' | 'alerts';
  /** The environment (Prometheus server) it concerns, when one. */
  environment?: string;
  /** For display; not to be parsed. */
  message: string;
}

export interface CollectionRun {
  id: number;
  trigger: 'schedule' | 'manual';
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  /**
   * A failed run's error, or a partial run's warnings' messages, one a line,
   * for display. Read `warnings` to tell what went wrong.
   */
  error: string | null;
  /** A partial run's warnings; empty otherwise (and for runs recorded before warnings were). */
  warnings: RunWarning[];
  rowsWritten: number;
  /** Cost Explorer API calls made, each page included; each costs USD 0.01. */
  costExplorerRequests: number;
  prometheusRequests: number;
  /** costExplorerRequests x USD 0.01. */
  costExplorerCostUsd: number;
}

export interface RunsResponse {
  runs: CollectionRun[];
}

/** The answer of `POST /runs` (202): the run is queued with the scheduler. */
export interface TriggerRunResponse {
  status: 'triggered';
}
