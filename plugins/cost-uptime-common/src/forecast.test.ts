import {
  currentForecastMonth,
  forecastMonth,
  lastBilledForecastMonth,
  runRateWindow,
} from './forecast';
import { billingPeriods } from './periods';

describe('runRateWindow', () => {
  it('is the 7 days ending at the last billed day, across a month start', () => {
    expect(runRateWindow('2026-12-03')).toEqual({
      from: '2026-11-27',
      to: '2026-12-03',
      days: 7,
    });
  });
});

describe('forecastMonth', () => {
  const rate = (perDay: number) => ({ amount: perDay * 7, days: 7 });

  it('adds the run rate for each unbilled day of the month', () => {
    const p = billingPeriods('2026-12-11', '2026-12-10');
    const r = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed: 1000,
      unbilledEstimate: 40,
      runRate: rate(120),
    });
    expect(r.perDay).toBe(120);
    expect(r.monthToDate).toBe(1040);
    // 21 days of December after the 10th.
    expect(r.forecast).toBe(1000 + 21 * 120);
    expect(r.source).toBe('extrapolated');
  });

  it('averages only the stored days of the window', () => {
    const p = billingPeriods('2026-12-11', '2026-12-10');
    const r = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed: 300,
      unbilledEstimate: 0,
      runRate: { amount: 300, days: 3 },
    });
    expect(r.forecast).toBe(300 + 21 * 100);
  });

  it('on the 1st: the window reaches into last month, the estimate is the month so far', () => {
    const p = billingPeriods('2026-12-01', '2026-11-30');
    const r = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed: 0,
      unbilledEstimate: 25,
      runRate: rate(100),
    });
    expect(r.monthToDate).toBe(25);
    expect(r.forecast).toBe(3100);
  });

  it('for the month of the last billed day: the days left after it', () => {
    // Billed through Nov 29 on Dec 1: November has one day left.
    const r = forecastMonth({
      forecastMonth: lastBilledForecastMonth('2026-11-29'),
      today: '2026-12-01',
      billed: 2900,
      unbilledEstimate: 0,
      runRate: rate(100),
    });
    expect(r.forecast).toBe(3000);
    // Leap February, billed through the 28th.
    expect(
      forecastMonth({
        forecastMonth: lastBilledForecastMonth('2028-02-28'),
        today: '2028-02-29',
        billed: 100,
        unbilledEstimate: 0,
        runRate: rate(10),
      }).forecast,
    ).toBe(110);
  });

  it('is the same figure for both months while this month has billed days', () => {
    const p = billingPeriods('2026-11-20', '2026-11-19');
    expect(lastBilledForecastMonth(p.lastBilled!)).toEqual(
      currentForecastMonth(p),
    );
  });

  it("uses Cost Explorer's forecast from today, the run rate for the unbilled days before", () => {
    // Billed through the 9th; today the 11th; the 10th is not billed yet.
    const p = billingPeriods('2026-12-11', '2026-12-09');
    const r = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed: 900,
      unbilledEstimate: 0,
      runRate: rate(100),
      costExplorer: { fromDay: '2026-12-11', amount: 2100 },
    });
    expect(r.source).toBe('cost-explorer');
    expect(r.forecast).toBe(900 + 100 + 2100);
    // Fetched two days ago: pro rata for the days left.
    const later = billingPeriods('2026-12-13', '2026-12-12');
    expect(
      forecastMonth({
        forecastMonth: currentForecastMonth(later),
        today: later.today,
        billed: 1200,
        unbilledEstimate: 0,
        runRate: rate(100),
        costExplorer: { fromDay: '2026-12-11', amount: 2100 },
      }).forecast,
    ).toBeCloseTo(1200 + (2100 * 19) / 21, 6);
  });

  it("ignores another month's Cost Explorer forecast and never goes below the month so far", () => {
    const p = billingPeriods('2027-01-01', '2026-12-31');
    const r = forecastMonth({
      forecastMonth: currentForecastMonth(p),
      today: p.today,
      billed: 0,
      unbilledEstimate: 5000,
      runRate: { amount: 0, days: 0 },
      costExplorer: { fromDay: '2026-12-20', amount: 999 },
    });
    expect(r.source).toBe('extrapolated');
    expect(r.forecast).toBe(5000);
    expect(Number.isFinite(r.perDay)).toBe(true);
  });
});
