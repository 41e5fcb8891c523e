import { englishFormat, koreanFormat } from '../__testUtils__/costFormats';

describe('costFormat', () => {
  const en = englishFormat();
  const ko = koreanFormat();

  it('writes money for the language: KRW without decimals, USD with two', () => {
    expect(en.money(1234.5, 'USD')).toBe('$1,234.50');
    expect(ko.money(1234.5, 'USD')).toBe('US$1,234.50');
    expect(ko.money(1234567.4, 'KRW')).toBe('₩1,234,567');
    expect(en.money(1234567.4, 'KRW')).toBe('₩1,234,567');
    expect(ko.money(1500, 'USD', true)).toBe('US$1.5천');
  });

  it("labels Cost Explorer's days as UTC days and ranges in the language", () => {
    expect(en.shortDay('2026-11-05')).toBe('Nov 5');
    expect(ko.shortDay('2026-11-05')).toBe('11월 5일');
    expect(en.longDay('2026-11-05')).toBe('Nov 5, 2026 (UTC)');
    expect(ko.longDay('2026-11-05')).toBe('2026. 11. 5. (UTC)');
    const range = { from: '2026-12-01', to: '2026-12-14', days: 14 };
    expect(en.range(range)).toBe('Dec 1–14');
    expect(ko.range(range)).toBe('12월 1–14일');
    const november = { from: '2026-11-01', to: '2026-11-30', days: 30 };
    expect(en.range(november)).toBe('November');
    expect(ko.range(november)).toBe('11월');
  });

  it('writes changes and shares with the sign, and "new" without history', () => {
    expect(en.signedPercent(0.125)).toBe('+12.5%');
    expect(en.signedPercent(-0.05)).toBe('-5.0%');
    expect(en.signedPercent(null)).toBe('new');
    expect(ko.signedPercent(null)).toBe('신규');
    expect(en.percent(null)).toBe('–');
    expect(ko.percent(0.9995, 2)).toBe('99.95%');
  });

  it("shows Prometheus' UTC hours in the user's time zone", () => {
    const hour = new Date('2026-12-15T03:00:00Z');
    const local = (locale: string) =>
      new Intl.DateTimeFormat(locale, {
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
      }).format(hour);
    expect(en.hour('2026-12-15T03')).toBe(local('en-US'));
    expect(ko.hour('2026-12-15T03')).toBe(local('ko-KR'));
    expect(ko.hour('not an hour')).toBe('not an hour');
  });
});
