import {
  currentForecastMonth,
  forecastMonth,
  lastBilledForecastMonth,
  runRateWindow,
  type MonthForecast,
  type MonthForecastInput,
} from './forecast';
import { billingPeriods, type IsoDay } from './periods';

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
  const costExplorer = { fromDay: '2026-12-11', amount: 2100 };

  // The month of `today`, billed through `lastBilled`; `expected` holds the figures checked.
  it.each<{
    name: string;
    today: IsoDay;
    lastBilled: IsoDay;
    q: Omit<MonthForecastInput, 'forecastMonth' | 'today'>;
    expected: Partial<MonthForecast>;
  }>([
    {
      name: 'adds the run rate for each unbilled day of the month',
      today: '2026-12-11',
      lastBilled: '2026-12-10',
      q: { billed: 1000, unbilledEstimate: 40, runRate: rate(120) },
      expected: {
        perDay: 120,
        monthToDate: 1040,
        // 21 days of December after the 10th.
        forecast: 1000 + 21 * 120,
        source: 'extrapolated',
      },
    },
    {
      name: 'averages only the stored days of the window',
      today: '2026-12-11',
      lastBilled: '2026-12-10',
      q: {
        billed: 300,
        unbilledEstimate: 0,
        runRate: { amount: 300, days: 3 },
      },
      expected: { forecast: 300 + 21 * 100 },
    },
    {
      name: 'on the 1st: the window reaches into last month, the estimate is the month so far',
      today: '2026-12-01',
      lastBilled: '2026-11-30',
      q: { billed: 0, unbilledEstimate: 25, runRate: rate(100) },
      expected: { monthToDate: 25, forecast: 3100 },
    },
    {
      name: "uses Cost Explorer's forecast from today, the run rate for the unbilled days before",
      // Billed through the 9th; today the 11th; the 10th is not billed yet.
      today: '2026-12-11',
      lastBilled: '2026-12-09',
      q: { billed: 900, unbilledEstimate: 0, runRate: rate(100), costExplorer },
      expected: { source: 'cost-explorer', forecast: 900 + 100 + 2100 },
    },
    {
      name: "takes Cost Explorer's forecast fetched two days ago pro rata for the days left",
      today: '2026-12-13',
      lastBilled: '2026-12-12',
      q: {
        billed: 1200,
        unbilledEstimate: 0,
        runRate: rate(100),
        costExplorer,
      },
      expected: { forecast: expect.closeTo(1200 + (2100 * 19) / 21, 6) },
    },
    {
      name: "ignores another month's Cost Explorer forecast and never goes below the month so far",
      today: '2027-01-01',
      lastBilled: '2026-12-31',
      q: {
        billed: 0,
        unbilledEstimate: 5000,
        runRate: { amount: 0, days: 0 },
        costExplorer: { fromDay: '2026-12-20', amount: 999 },
      },
      expected: { source: 'extrapolated', forecast: 5000, perDay: 0 },
    },
  ])('$name', ({ today, lastBilled, q, expected }) => {
    const p = billingPeriods(today, lastBilled);
    const r = forecastMonth({
      ...q,
      forecastMonth: currentForecastMonth(p),
      today: p.today,
    });
    expect(r).toMatchObject(expected);
  });

  it.each([
    // Billed through Nov 29 on Dec 1: November has one day left.
    {
      lastBilled: '2026-11-29',
      today: '2026-12-01',
      billed: 2900,
      perDay: 100,
      forecast: 3000,
    },
    // Leap February, billed through the 28th.
    {
      lastBilled: '2028-02-28',
      today: '2028-02-29',
      billed: 100,
      perDay: 10,
      forecast: 110,
    },
  ])(
    'for the month of the last billed day ($lastBilled): the days left after it',
    ({ lastBilled, today, billed, perDay, forecast }) => {
      const r = forecastMonth({
        forecastMonth: lastBilledForecastMonth(lastBilled),
        today,
        billed,
        unbilledEstimate: 0,
        runRate: rate(perDay),
      });
      expect(r.forecast).toBe(forecast);
    },
  );

  it('is the same figure for both months while this month has billed days', () => {
    const p = billingPeriods('2026-11-20', '2026-11-19');
    expect(lastBilledForecastMonth(p.lastBilled!)).toEqual(
      currentForecastMonth(p),
    );
  });
});
