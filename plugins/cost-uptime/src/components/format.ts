import type {
  Currency,
  UsageMetric,
} from '@internal/plugin-cost-uptime-common';

function fractionDigits(currency: Currency, compact: boolean) {
  if (currency === 'KRW') return 0;
  return compact ? 1 : 2;
}

export function money(
  amount: number,
  currency: Currency,
  compact = false,
): string {
  return new Intl.NumberFormat(currency === 'KRW' ? 'ko-KR' : 'en-US', {
    style: 'currency',
    currency,
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: fractionDigits(currency, compact),
  }).format(amount);
}

export function percent(
  fraction: number | null | undefined,
  digits = 1,
): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction))
    return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function signedPercent(fraction: number | null): string {
  if (fraction === null) return 'new';
  const sign = fraction > 0 ? '+' : '';
  return `${sign}${(fraction * 100).toFixed(1)}%`;
}

export const USAGE_LABELS: Record<
  UsageMetric,
  { title: string; unit: string }
> = {
  cpu_percent: { title: 'CPU', unit: '%' },
  memory_percent: { title: 'Memory', unit: '%' },
  disk_percent: { title: 'Disk', unit: '%' },
  pv_gb: { title: 'Persistent volumes', unit: 'GB' },
  network_kbps: { title: 'Network', unit: 'KB/s' },
  nodes: { title: 'Nodes', unit: '' },
};

/** Colour-blind friendly series colours (Okabe–Ito, then Tableau). */
export const PALETTE = [
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

export function shortDay(day: string) {
  // 2026-11-05 → Nov 5
  const d = new Date(
    `${day.length === 7 ? `${day}-01` : day.slice(0, 10)}T00:00:00Z`,
  );
  return d.toLocaleDateString('en-US', {
    month: 'short',
    day: day.length === 7 ? undefined : 'numeric',
    year: day.length === 7 ? '2-digit' : undefined,
    timeZone: 'UTC',
  });
}
