/**
 * The month's cost forecast: the one rule behind the dashboard's forecast,
 * the report API, the AI actions and the budget alert's "over budget
 * (forecast)", so the page and an alert never disagree on the same data.
 *
 * The rule: the month's billed days as billed, plus each of its days not
 * billed yet at the run rate, the average of the last {@link RUN_RATE_DAYS}
 * billed days (which may reach into the month before, so the first days of a
 * month need no other fallback). Where Cost Explorer's own forecast covers
 * the same scope (it is fetched for the whole account only), its figure
 * replaces the run rate from the day it was fetched on. Never below the
 * month so far including the hourly estimates of unbilled days.
 */
import {
  addDays,
  dayOfMonth,
  dayRange,
  daysBetween,
  monthRange,
  type BillingPeriods,
  type DayRange,
  type IsoDay,
} from './periods';

/** Billed days whose average is the run rate. */
export const RUN_RATE_DAYS = 7;

/** The days the run rate averages: the last {@link RUN_RATE_DAYS} days up to `lastBilled`. */
export function runRateWindow(lastBilled: IsoDay): DayRange {
  return dayRange(addDays(lastBilled, -(RUN_RATE_DAYS - 1)), lastBilled);
}

/** The forecast's month and how many of its days are billed. */
export interface ForecastMonth {
  month: DayRange;
  billedDays: number;
}

/** Today's month (the dashboard): its billed days are `periods.billed`. */
export function currentForecastMonth(periods: BillingPeriods): ForecastMonth {
  return { month: periods.thisMonth, billedDays: periods.billed.days };
}

/**
 * The month of the last billed day (the budget alerts: on the 1st, last
 * month is judged on its last day, billed only just now). The same as
 * {@link currentForecastMonth} whenever this month has a billed day.
 */
export function lastBilledForecastMonth(lastBilled: IsoDay): ForecastMonth {
  return { month: monthRange(lastBilled), billedDays: dayOfMonth(lastBilled) };
}

export interface MonthForecastInput {
  forecastMonth: ForecastMonth;
  /** Today (UTC): Cost Explorer's forecast counts from here on. */
  today: IsoDay;
  /** Sum of the month's billed days. */
  billed: number;
  /** Hourly estimates of the month's days not billed yet (through today). */
  unbilledEstimate: number;
  /** Cost over {@link runRateWindow} and how many of its days are stored. */
  runRate: { amount: number; days: number };
  /** Cost Explorer's forecast of the scope from `fromDay` to the month's end. */
  costExplorer?: { fromDay: IsoDay; amount: number };
}

export interface MonthForecast {
  /** Billed days plus the estimates for the month's unbilled days. */
  monthToDate: number;
  /** Never below monthToDate. */
  forecast: number;
  /** 'extrapolated': the run rate; 'cost-explorer': AWS's forecast for the rest. */
  source: 'cost-explorer' | 'extrapolated';
  /** The run rate: cost per day the unbilled days are projected at. */
  perDay: number;
}

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/** The month so far and its forecast, by the rule in this module's header. */
export function forecastMonth(q: MonthForecastInput): MonthForecast {
  const { month, billedDays } = q.forecastMonth;
  const billed = finite(q.billed);
  const monthToDate = billed + Math.max(0, finite(q.unbilledEstimate));
  const perDay =
    q.runRate.days > 0 ? finite(q.runRate.amount) / q.runRate.days : 0;
  const unbilledDays = Math.max(0, month.days - billedDays);
  const ce = q.costExplorer;
  let forecast = billed + perDay * unbilledDays;
  let source: MonthForecast['source'] = 'extrapolated';
  if (
    ce &&
    ce.fromDay >= month.from &&
    ce.fromDay <= q.today &&
    q.today <= month.to
  ) {
    // Cost Explorer's forecast covers [fromDay, month end]; from today on, pro rata.
    const span = daysBetween(ce.fromDay, month.to) + 1;
    const remaining = daysBetween(q.today, month.to) + 1;
    const rest = span > 0 ? (finite(ce.amount) * remaining) / span : 0;
    const gapDays = Math.max(0, unbilledDays - remaining);
    forecast = billed + gapDays * perDay + rest;
    source = 'cost-explorer';
  }
  return {
    monthToDate,
    forecast: Math.max(forecast, monthToDate),
    source,
    perDay,
  };
}
