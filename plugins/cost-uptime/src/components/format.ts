import {
  TranslationFunction,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Formatters, useFormatters } from '@internal/i18n-react';
import type {
  Currency,
  DayRange,
  UsageMetric,
} from '@internal/plugin-cost-uptime-common';
import { monthRange } from '@internal/plugin-cost-uptime-common';
import { useMemo } from 'react';
import { costUptimeTranslationRef } from '../translation';

/** The plugin's translation function. */
export type CostT = TranslationFunction<typeof costUptimeTranslationRef.T>;

/**
 * Text and figures in the user's language: the translation function and
 * the portal's formatters, plus the shapes this plugin shows (compact money
 * on axes, changes, Cost Explorer's UTC days and ranges).
 */
export interface CostFormat {
  t: CostT;
  fmt: Formatters;
  /** Money in its currency; `compact` for chart axes (`$1.2K`, `₩12만`). */
  money(amount: number, currency: Currency, compact?: boolean): string;
  /** A share as a percentage; a dash for no value. */
  percent(fraction: number | null | undefined, digits?: number): string;
  /** A change as `+12.5%`, or "new" without an earlier value. */
  signedPercent(fraction: number | null): string;
  /** A short UTC day (`Nov 5`, `11월 5일`) or month (`Nov 26`) for axes. */
  shortDay(day: string): string;
  /** A UTC day or month for tooltips, labelled `(UTC)` when a day. */
  longDay(day: string): string;
  /** A UTC hour (`YYYY-MM-DDTHH`) in the user's time zone, for usage axes. */
  hour(ts: string): string;
  /** A range of UTC days: `Dec 1–14`, `Nov 1`, `November` (a whole month). */
  range(r: DayRange): string;
  /** A metric's name. */
  metric(metric: UsageMetric): string;
}

/** Units of the usage metrics, the same in every language. */
export const USAGE_UNITS: Record<UsageMetric, string> = {
  cpu_percent: '%',
  memory_percent: '%',
  disk_percent: '%',
  pv_gb: 'GB',
  network_kbps: 'KB/s',
  nodes: '',
};

const toUtc = (day: string) =>
  new Date(`${day.length === 7 ? `${day}-01` : day.slice(0, 10)}T00:00:00Z`);

/** The plugin's formatting for a language; `useCostFormat()` in components. */
export function costFormat(t: CostT, fmt: Formatters): CostFormat {
  const { locale } = fmt;
  const monthOf = (day: string, style: 'long' | 'short') =>
    toUtc(day).toLocaleDateString(locale, { month: style, timeZone: 'UTC' });
  const dayOf = (day: string) => String(Number(day.slice(8, 10)));
  const hourFormat = new Intl.DateTimeFormat(locale, {
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
  });
  return {
    t,
    fmt,
    money: (amount, currency, compact = false) =>
      compact
        ? new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            notation: 'compact',
            maximumFractionDigits: currency === 'KRW' ? 0 : 1,
          }).format(amount)
        : fmt.money(amount, currency),
    percent: (fraction, digits = 1) =>
      fraction === null || fraction === undefined || !Number.isFinite(fraction)
        ? '–'
        : fmt.percent(fraction, digits),
    signedPercent: fraction => {
      if (fraction === null) return t('change.new');
      return `${fraction > 0 ? '+' : ''}${fmt.percent(fraction, 1)}`;
    },
    shortDay: day =>
      toUtc(day).toLocaleDateString(locale, {
        month: 'short',
        day: day.length === 7 ? undefined : 'numeric',
        year: day.length === 7 ? '2-digit' : undefined,
        timeZone: 'UTC',
      }),
    longDay: day =>
      day.length === 7
        ? toUtc(day).toLocaleDateString(locale, {
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          })
        : fmt.utcDay(day.slice(0, 10)),
    hour: ts => {
      // Hours are stored as `YYYY-MM-DDTHH`, UTC.
      const ms = Date.parse(
        /^\d{4}-\d{2}-\d{2}T\d{2}$/.test(ts) ? `${ts}:00:00Z` : ts,
      );
      return Number.isNaN(ms) ? ts : hourFormat.format(ms);
    },
    range: r => {
      if (r.days === 0) return t('range.none');
      const whole = monthRange(r.from);
      if (r.from === whole.from && r.to === whole.to)
        return monthOf(r.from, 'long');
      const month = monthOf(r.from, 'short');
      if (r.from === r.to) return t('range.day', { month, day: dayOf(r.from) });
      if (r.from.slice(0, 7) === r.to.slice(0, 7))
        return t('range.sameMonth', {
          month,
          from: dayOf(r.from),
          to: dayOf(r.to),
        });
      return t('range.span', {
        fromMonth: month,
        from: dayOf(r.from),
        toMonth: monthOf(r.to, 'short'),
        to: dayOf(r.to),
      });
    },
    metric: metric => t(`usage.metrics.${metric}`),
  };
}

/** `costFormat` for the user's language; re-renders when it changes. */
export function useCostFormat(): CostFormat {
  const { t } = useTranslationRef(costUptimeTranslationRef);
  const fmt = useFormatters();
  return useMemo(() => costFormat(t, fmt), [t, fmt]);
}

/** Colour-blind friendly series colours (Okabe–Ito, then Tableau). */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#999999',
  '#4E79A7',
  '#59A14F',
];

export function colorFor(index: number) {
  return PALETTE[index % PALETTE.length];
}
