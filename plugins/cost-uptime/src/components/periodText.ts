import {
  BILLING_LAG,
  describeRange,
  isoDayOf,
  monthRange,
  type CostSummary,
} from '@internal/plugin-cost-uptime-common';
import { money } from './format';

/** The page's clock: the one place the frontend reads today's date. */
export const pageClock = { now: () => new Date() };

/** Today in UTC, the day Cost Explorer bills in. */
export function todayUtc(): string {
  return isoDayOf(pageClock.now());
}

const monthName = (s: CostSummary) => describeRange(s.periods.thisMonth);

/** The caption of a month so far with no billed day yet. */
export function notBilledYet(s: CostSummary): string {
  return `No billed day in ${monthName(s)} yet (${BILLING_LAG})`;
}

/**
 * What the "this month so far" figures show: this month's billed days
 * compared with the same days of last month; while no day is billed, the
 * estimate of the unbilled days and last month as the comparison.
 */
export function monthToDateText(s: CostSummary): {
  /** The comparison to draw as a change, with its caption. */
  change?: { value: number; suffix: string };
  /** Text instead of (or besides) a change. */
  note: string;
} {
  const p = s.periods;
  const lastMonth = `${describeRange(p.lastMonth)} ${money(
    s.lastMonth,
    s.currency,
  )}`;
  if (p.billed.days === 0) {
    const estimate =
      s.unbilledEstimate > 0
        ? `; the figure is the estimate from node counts`
        : '';
    return { note: `${notBilledYet(s)}${estimate}. Last month: ${lastMonth}` };
  }
  const same =
    p.sameDaysLastMonth.days === p.lastMonth.days
      ? `all of ${describeRange(p.lastMonth)}`
      : describeRange(p.sameDaysLastMonth);
  const billed = `Billed ${describeRange(p.billed)}`;
  if (s.change !== null) {
    return {
      change: {
        value: s.change,
        suffix: `vs ${money(s.previousMonthToDate, s.currency)} ${same}`,
      },
      note: billed,
    };
  }
  return {
    note:
      s.previousMonthToDate > 0
        ? `${billed}; ${same} not all collected, no comparison`
        : `${billed}; nothing billed ${same} to compare with`,
  };
}

/** The breakdown cards' subheader: which days are compared with which. */
export function breakdownSubheader(s: CostSummary): string {
  const b = s.periods.breakdown;
  const compared = `${describeRange(b.current)} vs ${describeRange(
    b.previous,
  )}`;
  return b.kind === 'last-month'
    ? `${compared}: ${notBilledYet(s).replace(/^No/, 'no')}`
    : compared;
}

/** A note under the breakdown when its comparison is incomplete, else undefined. */
export function breakdownNote(s: CostSummary): string | undefined {
  const { previous } = s.periods.breakdown;
  const stored = s.breakdownPreviousDaysStored;
  if (stored >= previous.days) return undefined;
  return stored === 0
    ? `Nothing collected for ${describeRange(previous)}: no change shown.`
    : `Only ${stored} of ${previous.days} days of ${describeRange(
        previous,
      )} collected: no change shown.`;
}

/** Why a breakdown is empty, and the estimate there is. */
export function breakdownEmptyText(s: CostSummary): string {
  const { current } = s.periods.breakdown;
  const estimate =
    s.unbilledEstimate > 0
      ? ` Estimate for ${monthName(s)} so far: ${money(
          s.unbilledEstimate,
          s.currency,
        )} (node counts × price).`
      : '';
  const whole = monthRange(current.from);
  const covers =
    current.from === whole.from && current.to === whole.to
      ? describeRange(current)
      : `${describeRange(current)} ${current.from.slice(0, 4)}`;
  const why = s.periods.billed.days === 0 ? ` ${notBilledYet(s)}.` : '';
  return `No billed cost collected for ${covers}.${why}${estimate}`;
}
