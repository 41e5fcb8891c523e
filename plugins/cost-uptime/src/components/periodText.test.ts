import {
  breakdownEmptyText,
  breakdownNote,
  breakdownSubheader,
  monthToDateText,
  pageClock,
  todayUtc,
} from './periodText';
import { englishFormat, koreanFormat } from '../__testUtils__/costFormats';
import { summaryOn } from '../__testUtils__/fixtures';

const en = englishFormat();

describe('period texts', () => {
  it('on the 1st: says nothing is billed yet and shows last month', () => {
    const s = summaryOn('2026-12-01', '2026-11-30', { unbilledEstimate: 12.5 });
    expect(monthToDateText(s, en)).toEqual({
      note: 'No billed day in December yet (Cost Explorer lags 1–2 days); the figure is the estimate from node counts. Last month: November $9,300.00',
    });
    expect(breakdownSubheader(s, en)).toBe(
      'November vs October: no billed day in December yet (Cost Explorer lags 1–2 days)',
    );
    expect(breakdownEmptyText(s, en)).toBe(
      'No billed cost collected for November. No billed day in December yet (Cost Explorer lags 1–2 days). Estimate for December so far: $12.50 (node counts × price).',
    );
  });

  it('mid-month: the billed days against the same days, clamped', () => {
    const s = summaryOn('2027-03-30', '2027-03-29', {
      change: 0.1,
      previousMonthToDate: 2800,
    });
    expect(monthToDateText(s, en)).toEqual({
      change: { value: 0.1, suffix: 'vs $2,800.00 all of February' },
      note: 'Billed Mar 1–29',
    });
    expect(breakdownSubheader(s, en)).toBe('Mar 1–29 vs February');
    expect(breakdownNote(s, en)).toBeUndefined();
  });

  it('says when the comparison is not all collected', () => {
    const s = summaryOn('2026-12-15', '2026-12-14', {
      previousMonthToDate: 900,
      breakdownPreviousDaysStored: 10,
    });
    expect(monthToDateText(s, en).note).toBe(
      'Billed Dec 1–14; Nov 1–14 not all collected, no comparison',
    );
    expect(breakdownNote(s, en)).toBe(
      'Only 10 of 14 days of Nov 1–14 collected: no change shown.',
    );
  });

  it('writes the same in Korean, with ko-KR months and money', () => {
    const ko = koreanFormat();
    const first = summaryOn('2026-12-01', '2026-11-30', {
      unbilledEstimate: 12.5,
      currency: 'KRW',
      lastMonth: 9300000,
    });
    expect(monthToDateText(first, ko)).toEqual({
      note: '12월에는 아직 청구된 날이 없습니다 (Cost Explorer는 1–2일 늦게 반영됩니다). 수치는 노드 수 기준 추정치입니다. 지난달: 11월 ₩9,300,000',
    });
    const mid = summaryOn('2026-12-15', '2026-12-14', {
      previousMonthToDate: 900,
      breakdownPreviousDaysStored: 10,
    });
    expect(breakdownNote(mid, ko)).toBe(
      '11월 1–14일의 14일 중 10일만 수집되어 변화를 표시하지 않습니다.',
    );
    expect(breakdownSubheader(mid, ko)).toBe('12월 1–14일 대 11월 1–14일');
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
