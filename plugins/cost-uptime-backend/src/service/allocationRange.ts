import { InputError } from '@backstage/errors';
import { parseDateRange } from './parseDateRange';

/** The answer to reading allocations without cost-uptime.allocation.read. */
export const ALLOCATION_READ_DENIED =
  'Reading allocations needs cost-uptime.allocation.read';

/** The longest allocation range, in days. */
const MAX_ALLOCATION_DAYS = 400;

/**
 * The days an allocation request covers: [from, to], inclusive UTC days,
 * at most MAX_ALLOCATION_DAYS; without `to` up to today (or `from` when
 * that is later), without `from` from the first of `to`'s month.
 */
export function allocationRange(
  q: { from?: string; to?: string },
  now: Date,
): { from: string; to: string } {
  parseDateRange(q, { maxDays: MAX_ALLOCATION_DAYS, now });
  const today = now.toISOString().slice(0, 10);
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) {
    throw new InputError('Invalid request: from must not be after to');
  }
  return { from, to };
}
