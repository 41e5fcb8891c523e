import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ENVIRONMENT_ANNOTATIONS } from '@internal/plugin-environments-common';

/** One environment as the home page lists it. */
export interface EnvironmentRow {
  ref: string;
  name: string;
  title: string;
  /** The lifecycle state the environments backend wrote, if any. */
  state?: string;
  /** When the environment is destroyed, if it expires. */
  expiresAt?: Date;
  /** The environment's value of the cost plugin's environment tag, if it has one. */
  costTag?: string;
}

/** The row of an environment's catalog entity. */
export function environmentRow(entity: Entity): EnvironmentRow {
  const annotations = entity.metadata.annotations ?? {};
  const expires = annotations[ENVIRONMENT_ANNOTATIONS.expiresAt];
  const expiresAt = expires ? new Date(expires) : undefined;
  return {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    state: annotations[ENVIRONMENT_ANNOTATIONS.status],
    expiresAt:
      expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : undefined,
    costTag: annotations[ENVIRONMENT_ANNOTATIONS.costEnvironment],
  };
}

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone`. */
function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** Whether `row` expires on the calendar day of `now` in `timeZone`. */
export function expiresToday(
  row: EnvironmentRow,
  now: Date,
  timeZone: string,
): boolean {
  return (
    row.expiresAt !== undefined &&
    dayIn(row.expiresAt, timeZone) === dayIn(now, timeZone)
  );
}

/** Whole days (rounded) or hours until `expiresAt`, for a relative label. */
export function untilExpiry(
  expiresAt: Date,
  now: Date,
): { value: number; unit: 'day' | 'hour' } {
  const hours = (expiresAt.getTime() - now.getTime()) / 3_600_000;
  return Math.abs(hours) < 24
    ? { value: Math.round(hours), unit: 'hour' }
    : { value: Math.round(hours / 24), unit: 'day' };
}

/** Why an environment needs a platform admin's eye. */
export type AttentionReason = 'failed' | 'expiresToday';

/**
 * Environments that failed, or expire on today's calendar day in
 * `timeZone` (the admin's), failed first; each with its reason.
 */
export function needsAttention(
  rows: EnvironmentRow[],
  now: Date,
  timeZone: string,
): { row: EnvironmentRow; reason: AttentionReason }[] {
  const failed = rows.filter(r => r.state === 'failed');
  const expiring = rows.filter(
    r =>
      r.state !== 'failed' &&
      r.state !== 'destroyed' &&
      expiresToday(r, now, timeZone),
  );
  return [
    ...failed.map(row => ({ row, reason: 'failed' as const })),
    ...expiring.map(row => ({ row, reason: 'expiresToday' as const })),
  ];
}
