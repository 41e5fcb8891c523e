import { Language, localeOf } from './languages';

/** Formats numbers, money and times for one language. */
export interface Formatters {
  language: Language;
  locale: 'en-US' | 'ko-KR';
  /** A plain number, e.g. `1,234.5`. */
  number(value: number, maximumFractionDigits?: number): string;
  /** A share (0.995) as a percentage, e.g. `99.5%`. */
  percent(share: number, fractionDigits?: number): string;
  /**
   * An amount of money in its currency: KRW (and other zero-decimal
   * currencies) without decimals, USD with two; `₩1,234` / `$1,234.50`.
   */
  money(amount: number, currency: string): string;
  /** A moment as date and time in the time zone, e.g. `Dec 3, 2026, 9:15 AM`. */
  dateTime(value: Date | string | number): string;
  /** A moment as a date in the time zone. */
  date(value: Date | string | number): string;
  /**
   * A calendar day given as `YYYY-MM-DD` that is a UTC day (Cost Explorer's
   * days), labelled as such: `Dec 1, 2026 (UTC)` / `2026. 12. 1. (UTC)`.
   */
  utcDay(day: string): string;
}

/**
 * Intl formatting for a language. `timeZone` is the user's (default: the
 * runtime's, i.e. the browser's); backends pass one explicitly.
 */
export function formattersFor(
  language: Language,
  options: { timeZone?: string } = {},
): Formatters {
  const locale = localeOf(language);
  const { timeZone } = options;
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone,
  });
  const utcDate = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  const toDate = (v: Date | string | number) =>
    v instanceof Date ? v : new Date(v);
  return {
    language,
    locale,
    number: (value, maximumFractionDigits = 2) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value),
    percent: (share, fractionDigits = 1) =>
      new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }).format(share),
    money: (amount, currency) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
        amount,
      ),
    dateTime: v => dateTime.format(toDate(v)),
    date: v => date.format(toDate(v)),
    utcDay: day => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        throw new TypeError(`Not a YYYY-MM-DD day: ${day}`);
      }
      return `${utcDate.format(new Date(`${day}T00:00:00Z`))} (UTC)`;
    },
  };
}
