import {
  billingPeriods,
  type CostSummary,
} from '@internal/plugin-cost-uptime-common';
import {
  breakdownEmptyText,
  breakdownNote,
  breakdownSubheader,
  monthToDateText,
  pageClock,
  todayUtc,
} from './periodText';

function summary(
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
    byService: [],
    breakdownPreviousDaysStored: periods.breakdown.previous.days,
    movers: [],
    trend: [],
    ...extra,
  };
}

describe('period texts', () => {
  it('on the 1st: says nothing is billed yet and shows last month', () => {
    const s = summary('2026-12-01', '2026-11-30', { unbilledEstimate: 12.5 });
    expect(monthToDateText(s)).toEqual({
      note: 'No billed day in December yet (Cost Explorer lags 1–2 days); the figure is the estimate from node counts. Last month: November $9,300.00',
    });
    expect(breakdownSubheader(s)).toBe(
      'November vs October: no billed day in December yet (Cost Explorer lags 1–2 days)',
    );
    expect(breakdownEmptyText(s)).toBe(
      'No billed cost collected for November. No billed day in December yet (Cost Explorer lags 1–2 days). Estimate for December so far: $12.50 (node counts × price).',
    );
  });

  it('mid-month: the billed days against the same days, clamped', () => {
    const s = summary('2027-03-30', '2027-03-29', {
      change: 0.1,
      previousMonthToDate: 2800,
    });
    expect(monthToDateText(s)).toEqual({
      change: { value: 0.1, suffix: 'vs $2,800.00 all of February' },
      note: 'Billed Mar 1–29',
    });
    expect(breakdownSubheader(s)).toBe('Mar 1–29 vs February');
    expect(breakdownNote(s)).toBeUndefined();
  });

  it('says when the comparison is not all collected', () => {
    const s = summary('2026-12-15', '2026-12-14', {
      previousMonthToDate: 900,
      breakdownPreviousDaysStored: 10,
    });
    expect(monthToDateText(s).note).toBe(
      'Billed Dec 1–14; Nov 1–14 not all collected, no comparison',
    );
    expect(breakdownNote(s)).toBe(
      'Only 10 of 14 days of Nov 1–14 collected: no change shown.',
    );
  });

  it('reads today from the page clock', () => {
    const now = pageClock.now;
    pageClock.now = () => new Date('2028-02-29T23:30:00Z');
    try {
      expect(todayUtc()).toBe('2028-02-29');
    } finally {
      pageClock.now = now;
    }
  });
});
