import {
  billingPeriods,
  type CollectionRun,
  type CostSeries,
  type CostSummary,
  type UptimeReport,
  type UptimeRow,
} from '@internal/plugin-cost-uptime-common';

/** A summary on `today` with Cost Explorer billed up to `lastBilled`. */
export function summaryOn(
  today: string,
  lastBilled: string | undefined,
  extra: Partial<CostSummary> = {},
): CostSummary {
  const periods = billingPeriods(today, lastBilled);
  return {
    currency: 'USD',
    asOf: today,
    periods,
    monthToDate: { amount: 0, estimated: false },
    billedToDate: 0,
    unbilledEstimate: 0,
    previousMonthToDate: 0,
    change: null,
    lastMonth: 9300,
    forecast: { amount: 9600, source: 'extrapolated' },
    todayEstimate: null,
    byEnvironment: [],
    byAwsService: [],
    breakdownPreviousDaysStored: periods.breakdown.previous.days,
    movers: [],
    trend: [],
    ...extra,
  };
}

/** Mid-December: 14 billed days against the same days of November. */
export const midMonth = summaryOn('2026-12-15', '2026-12-14', {
  monthToDate: { amount: 4321.5, estimated: true },
  billedToDate: 4300,
  previousMonthToDate: 4000,
  change: 0.08,
  forecast: { amount: 9800, source: 'cost-explorer' },
  todayEstimate: { amount: 120.25, hours: 9 },
  byEnvironment: [
    {
      key: 'prod',
      title: 'prod',
      amount: 3000,
      previousAmount: 2800,
      change: 0.0714,
    },
    {
      key: 'dev-a',
      title: 'dev-a',
      amount: 1321.5,
      previousAmount: 1400,
      change: -0.056,
    },
  ],
  byAwsService: [
    {
      key: 'Amazon EC2',
      title: 'Amazon EC2',
      amount: 2500,
      previousAmount: 2400,
      change: 0.04,
    },
  ],
  movers: [
    {
      dimension: 'environment',
      key: 'dev-a',
      title: 'dev-a',
      amount: 700,
      previousAmount: 500,
      delta: 200,
    },
  ],
  trend: [
    { period: '2026-10', amount: 9000, estimated: false },
    { period: '2026-11', amount: 9300, estimated: false },
  ],
});

/** midMonth with this month's cost per environment tag value ('' untagged). */
export function billedByEnvironment(
  amounts: Record<string, number>,
): CostSummary {
  return {
    ...midMonth,
    byEnvironment: Object.entries(amounts).map(([key, amount]) => ({
      key,
      amount,
      previousAmount: 0,
      change: null,
    })),
  };
}

/** A daily series by environment of the 30 days to mid-December, no cost in it. */
export function emptySeries(extra: Partial<CostSeries> = {}): CostSeries {
  return {
    currency: 'USD',
    granularity: 'day',
    groupBy: 'environment',
    from: '2026-11-15',
    to: '2026-12-15',
    keys: [],
    points: [],
    ...extra,
  };
}

/** The 30-day availability report to mid-December with `rows`. */
export function uptimeReport(rows: UptimeRow[]): UptimeReport {
  return { days: 30, from: '2026-11-15', to: '2026-12-15', rows };
}

export const uptimeRows: UptimeRow[] = [
  {
    key: 'shop-backend',
    title: 'Shop backend',
    environment: 'prod',
    availability: 0.9995,
    sloTarget: 0.999,
    errorBudgetRemaining: 0.5,
    hours: 720,
    daily: [
      { day: '2026-12-13', availability: 0.9994 },
      { day: '2026-12-14', availability: 0.9996 },
    ],
  },
];

export const runs: CollectionRun[] = [
  {
    id: 2,
    trigger: 'schedule',
    status: 'succeeded',
    startedAt: '2026-12-15T03:00:00Z',
    finishedAt: '2026-12-15T03:00:02.5Z',
    rowsWritten: 1234,
    costExplorerRequests: 3,
    costExplorerCostUsd: 0.03,
    prometheusRequests: 12,
    error: null,
    warnings: [],
  },
];
