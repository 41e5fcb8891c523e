/**
 * The calendar of the cost figures: which billing days a "month so far", its
 * comparison, a breakdown and a forecast cover, for any day of any year.
 * Pure functions on UTC days (`YYYY-MM-DD`, the days Cost Explorer bills
 * in), shared by the backend's summary and alerts and the frontend page, so
 * each figure has one definition.
 */

/** A UTC calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

/** Days `from` to `to`, both included; `days` is 0 when `to` is before `from`. */
export interface DayRange {
  from: IsoDay;
  to: IsoDay;
  days: number;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function toMs(day: IsoDay): number {
  if (!ISO_DAY.test(day)) throw new TypeError(`Not a YYYY-MM-DD day: ${day}`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new TypeError(`Not a calendar day: ${day}`);
  return ms;
}

function fromMs(ms: number): IsoDay {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC day an instant falls on. */
export function isoDayOf(instant: Date): IsoDay {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return fromMs(toMs(day) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

export function dayRange(from: IsoDay, to: IsoDay): DayRange {
  return { from, to, days: Math.max(0, daysBetween(from, to) + 1) };
}

/** Day of the month, 1..31. */
export function dayOfMonth(day: IsoDay): number {
  return new Date(toMs(day)).getUTCDate();
}

export function startOfMonth(day: IsoDay): IsoDay {
  toMs(day);
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `months` before or after the one of `day`. */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const d = new Date(toMs(day));
  return fromMs(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

export function daysInMonth(day: IsoDay): number {
  return dayOfMonth(addDays(addMonths(day, 1), -1));
}

export function endOfMonth(day: IsoDay): IsoDay {
  return addDays(addMonths(day, 1), -1);
}

/** The whole calendar month `day` is in. */
export function monthRange(day: IsoDay): DayRange {
  return dayRange(startOfMonth(day), endOfMonth(day));
}

const minDay = (a: IsoDay, b: IsoDay) => (a < b ? a : b);

/**
 * The first `days` days of the month of `monthDay`, clamped to that month's
 * length: the comparison for `days` billed days of the month after (March
 * 1..30 is compared with February 1..28 or 29).
 */
export function firstDaysOfMonth(monthDay: IsoDay, days: number): DayRange {
  const start = startOfMonth(monthDay);
  const n = Math.min(Math.max(0, days), daysInMonth(start));
  return dayRange(start, addDays(start, n - 1));
}

/** What the cost figures cover on one day. */
export interface BillingPeriods {
  today: IsoDay;
  /** `YYYY-MM` of today. */
  month: string;
  /** Today's whole month. */
  thisMonth: DayRange;
  /**
   * The newest billed day the figures count: the store's newest day, never
   * today or later (Cost Explorer bills whole UTC days, 1-2 days late).
   * Undefined without billed data.
   */
  lastBilled?: IsoDay;
  /** This month's billed days; `days` 0 on the 1st and while Cost Explorer lags. */
  billed: DayRange;
  /** The first day of this month without billed figures (its estimates count). */
  unbilledFrom: IsoDay;
  /** As many days at the start of last month as are billed this month (clamped). */
  sameDaysLastMonth: DayRange;
  lastMonth: DayRange;
  /**
   * What the breakdowns by environment and service compare: this month's
   * billed days with the same days of last month, or, while this month has
   * no billed day, last month with the month before.
   */
  breakdown: {
    kind: 'month-to-date' | 'last-month';
    current: DayRange;
    previous: DayRange;
  };
  /** The last 7 billed days (ending at lastBilled, else yesterday) and the 7 before. */
  lastWeek: DayRange;
  weekBefore: DayRange;
}

/**
 * The periods of the summary on the day of `now`, given the newest day the
 * store has billed figures for.
 */
export function billingPeriods(
  now: Date | IsoDay,
  storedThrough?: IsoDay,
): BillingPeriods {
  const today = typeof now === 'string' ? now : isoDayOf(now);
  const yesterday = addDays(today, -1);
  const lastBilled = storedThrough
    ? minDay(storedThrough, yesterday)
    : undefined;
  const thisMonth = monthRange(today);
  const billed = dayRange(
    thisMonth.from,
    lastBilled && lastBilled >= thisMonth.from
      ? lastBilled
      : addDays(thisMonth.from, -1),
  );
  const lastMonthStart = addMonths(today, -1);
  const lastMonth = monthRange(lastMonthStart);
  const sameDaysLastMonth = firstDaysOfMonth(lastMonthStart, billed.days);
  const breakdown =
    billed.days > 0
      ? {
          kind: 'month-to-date' as const,
          current: billed,
          previous: sameDaysLastMonth,
        }
      : {
          kind: 'last-month' as const,
          current: lastMonth,
          previous: monthRange(addMonths(today, -2)),
        };
  const weekEnd = lastBilled ?? yesterday;
  const lastWeek = dayRange(addDays(weekEnd, -6), weekEnd);
  const weekBefore = dayRange(addDays(weekEnd, -13), addDays(weekEnd, -7));
  return {
    today,
    month: today.slice(0, 7),
    thisMonth,
    lastBilled,
    billed,
    unbilledFrom: addDays(billed.from, billed.days),
    sameDaysLastMonth,
    lastMonth,
    breakdown,
    lastWeek,
    weekBefore,
  };
}

/** "Dec 1–14", "Nov 1", "November" (a whole month), for labels. */
export function describeRange(r: DayRange): string {
  const month = (day: IsoDay, style: 'long' | 'short') =>
    new Date(toMs(day)).toLocaleDateString('en-US', {
      month: style,
      timeZone: 'UTC',
    });
  if (r.days === 0) return 'no days';
  const whole = monthRange(r.from);
  if (r.from === whole.from && r.to === whole.to) return month(r.from, 'long');
  const a = `${month(r.from, 'short')} ${dayOfMonth(r.from)}`;
  if (r.from === r.to) return a;
  if (r.from.slice(0, 7) === r.to.slice(0, 7))
    return `${a}–${dayOfMonth(r.to)}`;
  return `${a} – ${month(r.to, 'short')} ${dayOfMonth(r.to)}`;
}

/** The longest Cost Explorer is known to lag behind a day's end, for messages. */
export const BILLING_LAG = 'Cost Explorer lags 1–2 days';

/** The cost trend's ranges: 30 or 90 days back, or 12 whole months to today. */
export function trendRange(
  range: '30d' | '90d' | '12m',
  today: IsoDay,
): { granularity: 'day' | 'month'; from: IsoDay; to: IsoDay } {
  if (range === '12m')
    return { granularity: 'month', from: addMonths(today, -11), to: today };
  const days = range === '30d' ? 30 : 90;
  return { granularity: 'day', from: addDays(today, -days), to: today };
}
