import {
  isoDayOf,
  monthRange,
  type CostSummary,
} from '@internal/plugin-cost-uptime-common';
import type { CostFormat } from './format';

/** The page's clock: the one place the frontend reads today's date. */
export const pageClock = { now: () => new Date() };

/** Today in UTC, the day Cost Explorer bills in. */
export function todayUtc(): string {
  return isoDayOf(pageClock.now());
}

const monthName = (s: CostSummary, f: CostFormat) =>
  f.range(s.periods.thisMonth);

/** The caption of a month so far with no billed day yet. */
export function notBilledYet(s: CostSummary, f: CostFormat): string {
  return f.t('period.notBilledYet', {
    month: monthName(s, f),
    lag: f.t('period.lag'),
  });
}

/**
 * What the "this month so far" figures show: this month's billed days
 * compared with the same days of last month; while no day is billed, the
 * estimate of the unbilled days and last month as the comparison.
 */
export function monthToDateText(
  s: CostSummary,
  f: CostFormat,
): {
  /** The comparison to draw as a change, with its caption. */
  change?: { value: number; suffix: string };
  /** Text instead of (or besides) a change. */
  note: string;
} {
  const { t } = f;
  const p = s.periods;
  const lastMonth = t('period.monthAmount', {
    month: f.range(p.lastMonth),
    amount: f.money(s.lastMonth, s.currency),
  });
  if (p.billed.days === 0) {
    const key =
      s.unbilledEstimate > 0
        ? 'period.notBilledEstimateNote'
        : 'period.notBilledNote';
    return { note: t(key, { notBilled: notBilledYet(s, f), lastMonth }) };
  }
  const same =
    p.sameDaysLastMonth.days === p.lastMonth.days
      ? t('period.allOf', { month: f.range(p.lastMonth) })
      : f.range(p.sameDaysLastMonth);
  const billed = t('period.billed', { range: f.range(p.billed) });
  if (s.change !== null) {
    return {
      change: {
        value: s.change,
        suffix: t('period.vs', {
          amount: f.money(s.previousMonthToDate, s.currency),
          same,
        }),
      },
      note: billed,
    };
  }
  return {
    note: t(
      s.previousMonthToDate > 0
        ? 'period.notAllCollected'
        : 'period.nothingToCompare',
      { billed, same },
    ),
  };
}

/** The breakdown cards' subheader: which days are compared with which. */
export function breakdownSubheader(s: CostSummary, f: CostFormat): string {
  const b = s.periods.breakdown;
  const current = f.range(b.current);
  const previous = f.range(b.previous);
  if (b.kind !== 'last-month') {
    return f.t('breakdown.compared', { current, previous });
  }
  const notBilled = f.t('period.notBilledYetInline', {
    month: monthName(s, f),
    lag: f.t('period.lag'),
  });
  return f.t('breakdown.comparedNotBilled', { current, previous, notBilled });
}

/** A note under the breakdown when its comparison is incomplete, else undefined. */
export function breakdownNote(
  s: CostSummary,
  f: CostFormat,
): string | undefined {
  const { previous } = s.periods.breakdown;
  const stored = s.breakdownPreviousDaysStored;
  if (stored >= previous.days) return undefined;
  const range = f.range(previous);
  return stored === 0
    ? f.t('breakdown.nothingCollected', { range })
    : f.t('breakdown.partlyCollected', {
        stored: String(stored),
        days: String(previous.days),
        range,
      });
}

/** Why a breakdown is empty, and the estimate there is. */
export function breakdownEmptyText(s: CostSummary, f: CostFormat): string {
  const { current } = s.periods.breakdown;
  const whole = monthRange(current.from);
  const covers =
    current.from === whole.from && current.to === whole.to
      ? f.range(current)
      : f.t('range.withYear', {
          range: f.range(current),
          year: current.from.slice(0, 4),
        });
  const parts: string[] = [f.t('breakdown.empty', { covers })];
  if (s.periods.billed.days === 0) parts.push(`${notBilledYet(s, f)}.`);
  if (s.unbilledEstimate > 0) {
    parts.push(
      f.t('breakdown.emptyEstimate', {
        month: monthName(s, f),
        amount: f.money(s.unbilledEstimate, s.currency),
      }),
    );
  }
  return parts.join(' ');
}
