import type { AllocationReport } from '@internal/plugin-cost-uptime-common';
import { coverageOf } from './coverage';

const HEADER = [
  'environment',
  'from',
  'to',
  'currency',
  'source',
  'estimated_days',
  'part',
  'service',
  'amount',
  'allocated',
  'direct',
  'cpu_efficiency',
  'memory_efficiency',
  'rightsizing_saving_per_month',
];

/**
 * A text cell: quoted when it holds a separator, and with a leading `'`
 * when it starts like a spreadsheet formula (tag values may start with
 * `=`, `+`, `-` or `@`).
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const num = (v: number | null) => (v === null ? '' : String(v));

/**
 * One row per service, then `shared`, `idle` and `untagged`, per
 * environment. A service's `amount` is allocated + direct, so each
 * environment's amounts sum to its `environmentTotal`.
 */
export function allocationCsv(reports: AllocationReport[]): string {
  const lines = [HEADER.join(',')];
  for (const r of reports) {
    const head = [
      csvText(r.environment),
      r.from,
      r.to,
      r.currency,
      r.source,
      csvText(r.estimatedDays.join(' ')),
    ];
    for (const s of r.services) {
      const amount = Math.round((s.allocated + s.direct) * 100) / 100;
      lines.push(
        [
          ...head,
          'service',
          csvText(s.service),
          num(amount),
          num(s.allocated),
          num(s.direct),
          num(s.efficiency.cpu),
          num(s.efficiency.memory),
          num(s.rightsizingSavingPerMonth),
        ].join(','),
      );
    }
    const c = coverageOf(r);
    for (const part of ['shared', 'idle', 'untagged'] as const) {
      lines.push(
        [...head, part, '', num(c[part]), '', '', '', '', ''].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
