import {
  addDays,
  billingPeriods,
  dayRange,
  daysInMonth,
  describeRange,
  firstDaysOfMonth,
  trendRange,
} from './periods';

describe('calendar helpers', () => {
  it('knows month lengths, leap years included', () => {
    expect(daysInMonth('2027-02-10')).toBe(28);
    expect(daysInMonth('2028-02-01')).toBe(29);
    expect(daysInMonth('2100-02-01')).toBe(28);
    expect(daysInMonth('2000-02-01')).toBe(29);
    expect(daysInMonth('2026-11-30')).toBe(30);
    expect(daysInMonth('2026-12-31')).toBe(31);
  });

  it('steps over month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(dayRange('2026-12-01', '2026-11-30').days).toBe(0);
  });

  it('clamps the first days of a shorter month', () => {
    expect(firstDaysOfMonth('2027-02-01', 29)).toEqual({
      from: '2027-02-01',
      to: '2027-02-28',
      days: 28,
    });
    expect(firstDaysOfMonth('2028-02-01', 30).to).toBe('2028-02-29');
    expect(firstDaysOfMonth('2026-11-01', 0).days).toBe(0);
  });

  it('refuses days that do not exist', () => {
    expect(() => addDays('2027-02-29', 1)).toThrow(/calendar day/);
    expect(() => addDays('yesterday', 1)).toThrow(/YYYY-MM-DD/);
  });

  it('describes ranges for labels', () => {
    expect(describeRange(dayRange('2026-11-01', '2026-11-30'))).toBe(
      'November',
    );
    expect(describeRange(dayRange('2026-12-01', '2026-12-14'))).toBe(
      'Dec 1–14',
    );
    expect(describeRange(dayRange('2026-12-01', '2026-12-01'))).toBe('Dec 1');
    expect(describeRange(dayRange('2026-12-28', '2027-01-03'))).toBe(
      'Dec 28 – Jan 3',
    );
  });

  it('gives the trend ranges from today', () => {
    expect(trendRange('30d', '2027-03-01')).toEqual({
      granularity: 'day',
      from: '2027-01-30',
      to: '2027-03-01',
    });
    expect(trendRange('12m', '2027-01-01').from).toBe('2026-02-01');
  });
});

describe('billingPeriods', () => {
  it('on the 1st: nothing billed this month, the breakdown is last month vs the one before', () => {
    const p = billingPeriods(new Date('2026-12-01T10:00:00Z'), '2026-11-30');
    expect(p.lastBilled).toBe('2026-11-30');
    expect(p.billed).toEqual({ from: '2026-12-01', to: '2026-11-30', days: 0 });
    expect(p.unbilledFrom).toBe('2026-12-01');
    expect(p.sameDaysLastMonth.days).toBe(0);
    expect(p.breakdown).toEqual({
      kind: 'last-month',
      current: { from: '2026-11-01', to: '2026-11-30', days: 30 },
      previous: { from: '2026-10-01', to: '2026-10-31', days: 31 },
    });
    expect(p.lastWeek).toEqual({
      from: '2026-11-24',
      to: '2026-11-30',
      days: 7,
    });
  });

  it('on the 2nd with Cost Explorer two days behind: still nothing billed', () => {
    const p = billingPeriods('2026-12-02', '2026-11-30');
    expect(p.billed.days).toBe(0);
    expect(p.breakdown.kind).toBe('last-month');
    // The movers end at the last billed day, not yesterday.
    expect(p.lastWeek.to).toBe('2026-11-30');
  });

  it('on the 2nd with the 1st billed: one day against one day', () => {
    const p = billingPeriods('2026-12-02', '2026-12-01');
    expect(p.billed).toEqual({ from: '2026-12-01', to: '2026-12-01', days: 1 });
    expect(p.sameDaysLastMonth).toEqual({
      from: '2026-11-01',
      to: '2026-11-01',
      days: 1,
    });
    expect(p.breakdown.kind).toBe('month-to-date');
  });

  it('never counts today or later as billed', () => {
    expect(billingPeriods('2026-12-15', '2026-12-20').lastBilled).toBe(
      '2026-12-14',
    );
    expect(billingPeriods('2026-12-15').lastBilled).toBeUndefined();
    expect(billingPeriods('2026-12-15').billed.days).toBe(0);
  });

  it('on 1 January: last month is December of the year before', () => {
    const p = billingPeriods('2027-01-01', '2026-12-31');
    expect(p.month).toBe('2027-01');
    expect(p.lastMonth).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
      days: 31,
    });
    expect(p.breakdown.previous.from).toBe('2026-11-01');
  });

  it('on March 30 compares with all of February (clamped), leap or not', () => {
    expect(
      billingPeriods('2027-03-30', '2027-03-29').sameDaysLastMonth,
    ).toEqual({ from: '2027-02-01', to: '2027-02-28', days: 28 });
    expect(
      billingPeriods('2028-03-31', '2028-03-30').sameDaysLastMonth.to,
    ).toBe('2028-02-29');
    // 29 February itself: 28 billed days against 28.
    expect(
      billingPeriods('2028-02-29', '2028-02-28').sameDaysLastMonth,
    ).toEqual({ from: '2028-01-01', to: '2028-01-28', days: 28 });
  });

  it('on the 31st after a 30-day month compares with all of it', () => {
    const p = billingPeriods('2026-12-31', '2026-12-30');
    expect(p.billed.days).toBe(30);
    expect(p.sameDaysLastMonth).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      days: 30,
    });
  });
});
