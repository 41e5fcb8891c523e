import { formattersFor } from './formatters';
import { isLanguage, localeOf } from './languages';

describe('formattersFor', () => {
  const ko = formattersFor('ko', { timeZone: 'Asia/Seoul' });
  const en = formattersFor('en', { timeZone: 'America/New_York' });

  it('formats KRW without decimals and USD with two, per locale', () => {
    expect(ko.money(1234567.4, 'KRW')).toBe('₩1,234,567');
    expect(ko.money(1234.5, 'USD')).toBe('US$1,234.50');
    expect(en.money(1234.5, 'USD')).toBe('$1,234.50');
    expect(en.money(1234567.4, 'KRW')).toBe('₩1,234,567');
  });

  it('formats numbers and shares', () => {
    expect(en.number(1234.567)).toBe('1,234.57');
    expect(ko.percent(0.995)).toBe('99.5%');
    expect(en.percent(0.99512, 2)).toBe('99.51%');
  });

  it("shows a moment in the user's time zone", () => {
    const moment = '2026-12-31T23:30:00Z';
    expect(ko.dateTime(moment)).toBe('2027. 1. 1. 오전 8:30');
    expect(en.dateTime(moment)).toBe('Dec 31, 2026, 6:30 PM');
    expect(ko.date(new Date(moment))).toBe('2027. 1. 1.');
  });

  it('labels a Cost Explorer day as UTC and never shifts it', () => {
    expect(ko.utcDay('2026-12-01')).toBe('2026. 12. 1. (UTC)');
    expect(en.utcDay('2026-12-01')).toBe('Dec 1, 2026 (UTC)');
    expect(() => en.utcDay('12/01/2026')).toThrow(TypeError);
  });
});

describe('languages', () => {
  it('knows its two languages', () => {
    expect(isLanguage('ko')).toBe(true);
    expect(isLanguage('ja')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
    expect(localeOf('ko')).toBe('ko-KR');
    expect(localeOf('en')).toBe('en-US');
  });
});
