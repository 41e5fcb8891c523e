import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_OR_HOUR = /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]))?$/;

export interface DateRangeRules {
  /** Whether `YYYY-MM-DDTHH` is accepted besides `YYYY-MM-DD`. */
  hours?: boolean;
  /** The longest range, in days. */
  maxDays: number;
  /** Today (the injectable clock): stands in for a missing end in the checks. */
  now: Date;
}

function parseOne(field: string, value: string, hours: boolean): DateTime {
  const shape = hours ? DAY_OR_HOUR : DAY;
  const parsed = shape.test(value)
    ? DateTime.fromISO(value, { zone: 'utc' })
    : undefined;
  if (!parsed?.isValid) {
    throw new InputError(
      `Invalid request: ${field}: ${JSON.stringify(value)} is not a date (${
        hours ? 'YYYY-MM-DD or YYYY-MM-DDTHH' : 'YYYY-MM-DD'
      })`,
    );
  }
  return parsed;
}

/**
 * Checks the `from` and `to` of a query strictly (a real calendar date or
 * hour in UTC, not `2025-02-30` or `T25`), that `from` is not after `to`,
 * and that the range spans at most `maxDays`. A missing end is left for the
 * report's default and counts as today in the checks, so no range escapes
 * the cap. Throws an InputError naming the field.
 */
export function parseDateRange(
  query: { from?: string; to?: string },
  rules: DateRangeRules,
): { from?: string; to?: string } {
  const hours = rules.hours ?? false;
  const today = DateTime.fromJSDate(rules.now, { zone: 'utc' });
  const from =
    query.from === undefined ? undefined : parseOne('from', query.from, hours);
  const to =
    query.to === undefined ? undefined : parseOne('to', query.to, hours);
  if (from && to && from > to) {
    throw new InputError('Invalid request: from must not be after to');
  }
  const ends = from && to ? [from, to] : [from ?? to ?? today, today];
  const span = Math.abs(ends[1].diff(ends[0], 'days').days);
  if (span > rules.maxDays) {
    throw new InputError(
      `Invalid request: from and to span more than ${rules.maxDays} days`,
    );
  }
  return { from: query.from, to: query.to };
}
