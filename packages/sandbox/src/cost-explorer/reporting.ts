/*
 * What the Cost Explorer answers are computed from: the account's biller,
 * the stand-in's clock and the restatements a test asked for.
 */
import type { Biller } from './billing.ts';
import type { CostExplorerState } from './control.ts';
import { dayNumber } from './data.ts';

const ESTIMATED_FACTOR = 0.96;

export interface Reporting {
  biller: Biller;
  state: CostExplorerState;
  /** Today's day number on the stand-in's clock. */
  today(): number;
  /** Days before today that are still `Estimated` (and reported lower). */
  estimatedDays: number;
}

export type TagFilter = { key: string; values: string[] } | undefined;

export function isEstimated(r: Reporting, day: string): boolean {
  return dayNumber(day) >= r.today() - r.estimatedDays;
}

/** A day's billed amount as the API reports it (restated, or still estimated). */
function amountFor(
  r: Reporting,
  day: string,
  tags: Record<string, string>,
  service?: string,
): number {
  const factor = r.state.adjust[day] ?? 1;
  return (
    r.biller.amount(day, tags, service) *
    factor *
    (isEstimated(r, day) ? ESTIMATED_FACTOR : 1)
  );
}

/** amountFor, limited to the filter's tag values (any of them). */
export function reportedAmount(
  r: Reporting,
  day: string,
  tags: Record<string, string>,
  service: string | undefined,
  filter: TagFilter,
): number {
  if (!filter) return amountFor(r, day, tags, service);
  return filter.values.reduce(
    (a, v) => a + amountFor(r, day, { ...tags, [filter.key]: v }, service),
    0,
  );
}
