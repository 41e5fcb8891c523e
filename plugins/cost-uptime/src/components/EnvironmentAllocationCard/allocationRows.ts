import type { AllocationReport } from '@internal/plugin-cost-uptime-common';
import type { CostFormat } from '../format';

/** One part of an environment's billed cluster cost. */
export interface AllocationRow {
  /** A service name, or `shared` / `idle`. */
  key: string;
  kind: 'service' | 'shared' | 'idle';
  amount: number;
  /** amount ÷ billed; null when nothing was billed. */
  share: number | null;
}

/**
 * The parts of `report.billed`, biggest service first, then shared and
 * idle. They sum to `billed` because the backend rounds them so; services
 * with no allocated cost (only direct) are left out.
 */
export function allocationRows(report: AllocationReport): AllocationRow[] {
  const share = (amount: number) =>
    report.billed > 0 ? amount / report.billed : null;
  const services = report.services
    .filter(s => s.allocated !== 0)
    .sort(
      (a, b) => b.allocated - a.allocated || a.service.localeCompare(b.service),
    )
    .map(s => ({
      key: s.service,
      kind: 'service' as const,
      amount: s.allocated,
      share: share(s.allocated),
    }));
  return [
    ...services,
    {
      key: 'shared',
      kind: 'shared',
      amount: report.shared,
      share: share(report.shared),
    },
    {
      key: 'idle',
      kind: 'idle',
      amount: report.idle,
      share: share(report.idle),
    },
  ];
}

/** The label of a part: the service's name, or "Shared" / "Idle". */
export function partTitle(row: AllocationRow, f: CostFormat) {
  if (row.kind === 'shared') return f.t('allocation.shared');
  if (row.kind === 'idle') return f.t('allocation.idle');
  return row.key;
}
