/*
 * The expiry task's thresholds to the millisecond: a day's and an hour's
 * warning and the destroy, just before, at and just after each, for
 * expiries at a month's end, a year's end and on a leap day. `run(now)` is
 * given the instant; the environments come from a recording stand-in for
 * the environment service (ExpiryTask.test.ts runs the real one).
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AlertEvent, AlertsService } from '@internal/plugin-alerts-node';
import { DateTime } from 'luxon';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';
import type { EnvironmentService } from '@internal/plugin-environments-node';
import { ExpiryTask, NOTIFIED_ANNOTATION, expiryAlertId } from './ExpiryTask';

type Call =
  | { kind: 'alert'; id: string }
  | { kind: 'annotate'; name: string; notified?: string }
  | { kind: 'destroy'; name: string };

/** One environment whose annotations the task's writes update, as the catalog does after a sync. */
function setup(expiresAt: DateTime, notified?: 'day' | 'hour') {
  const calls: Call[] = [];
  const annotations: Record<string, string> = {
    [ANNOTATIONS.purpose]: 'dev',
    [ANNOTATIONS.expiresAt]: expiresAt.toISO()!,
    [ANNOTATIONS.status]: 'ready',
    ...(notified ? { [NOTIFIED_ANNOTATION]: notified } : {}),
  };
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dev-a', namespace: 'default', annotations },
    spec: { type: 'environment', owner: 'group:default/developers' },
  };
  const service = {
    listEnvironments: async () => [entity],
    updateAnnotations: async (
      name: string,
      values: Record<string, string | undefined>,
    ) => {
      calls.push({
        kind: 'annotate',
        name,
        notified: values[NOTIFIED_ANNOTATION],
      });
      Object.assign(annotations, values);
    },
    destroy: async (name: string) => {
      calls.push({ kind: 'destroy', name });
      return 'SUCCESS' as const;
    },
  } as unknown as EnvironmentService;
  const alerts: AlertsService = {
    raise: async (event: AlertEvent) => {
      calls.push({ kind: 'alert', id: event.id! });
      return { id: event.id!, status: 'sent' };
    },
  };
  // The boundaries are about when; what a destroy records is ExpiryTask.test.ts's.
  const recorder = {
    start: async () => ({ id: 1 }),
    setBuild: async () => {},
    finish: async () => {},
  };
  const task = new ExpiryTask({
    service,
    alerts,
    logger: mockServices.logger.mock(),
    recorder,
  });
  return { calls, run: (now: DateTime) => task.run(now) };
}

const MS = { milliseconds: 1 };

describe.each([
  ['the end of a 30-day month', '2026-11-30T23:30:00.000Z'],
  ['midnight into a new month', '2026-12-01T00:00:00.000Z'],
  ['New Year', '2027-01-01T00:00:00.000Z'],
  ['half an hour before New Year', '2026-12-31T23:30:00.000Z'],
  ['a leap day', '2028-02-29T12:00:00.000Z'],
])('an environment expiring at %s (%s)', (_, iso) => {
  const expiresAt = DateTime.fromISO(iso, { zone: 'utc' });
  const expiry = expiresAt.toISO()!;
  const day = expiryAlertId('dev-a', expiry, 'day');
  const hour = expiryAlertId('dev-a', expiry, 'hour');

  it('is left alone until 24 hours before, warned at exactly 24 hours', async () => {
    const early = setup(expiresAt);
    await early.run(expiresAt.minus({ hours: 24 }).minus(MS));
    expect(early.calls).toEqual([]);

    const at = setup(expiresAt);
    await at.run(expiresAt.minus({ hours: 24 }));
    expect(at.calls).toEqual([
      { kind: 'alert', id: day },
      { kind: 'annotate', name: 'dev-a', notified: 'day' },
    ]);
    // Once: the next run, a millisecond later, sees the annotation.
    await at.run(expiresAt.minus({ hours: 24 }).plus(MS));
    expect(at.calls).toHaveLength(2);
  });

  it('gets the hour warning at exactly one hour, not a millisecond before', async () => {
    const before = setup(expiresAt, 'day');
    await before.run(expiresAt.minus({ hours: 1 }).minus(MS));
    expect(before.calls).toEqual([]);

    const at = setup(expiresAt, 'day');
    await at.run(expiresAt.minus({ hours: 1 }));
    expect(at.calls).toEqual([
      { kind: 'alert', id: hour },
      { kind: 'annotate', name: 'dev-a', notified: 'hour' },
    ]);
    await at.run(expiresAt.minus(MS));
    expect(at.calls).toHaveLength(2);
  });

  it('gets only the hour warning when no run fell into the day window', async () => {
    const late = setup(expiresAt);
    await late.run(expiresAt.minus({ minutes: 30 }));
    expect(late.calls).toEqual([
      { kind: 'alert', id: hour },
      { kind: 'annotate', name: 'dev-a', notified: 'hour' },
    ]);
  });

  it('is destroyed at its expiry and after it, not a millisecond before', async () => {
    const before = setup(expiresAt, 'hour');
    await before.run(expiresAt.minus(MS));
    expect(before.calls).toEqual([]);

    for (const now of [
      expiresAt,
      expiresAt.plus(MS),
      expiresAt.plus({ days: 40 }),
    ]) {
      const s = setup(expiresAt, 'hour');
      await s.run(now);
      expect(s.calls).toEqual([
        { kind: 'destroy', name: 'dev-a' },
        {
          kind: 'alert',
          id: `environment.expiry-destroy:dev-a:${expiry}`,
        },
      ]);
    }
  });

  it('reads the instant in UTC whatever the zone of `now`', async () => {
    const s = setup(expiresAt, 'hour');
    await s.run(expiresAt.setZone('Asia/Seoul'));
    expect(s.calls[0]).toEqual({ kind: 'destroy', name: 'dev-a' });
    const t = setup(expiresAt, 'hour');
    await t.run(expiresAt.minus(MS).setZone('America/Los_Angeles'));
    expect(t.calls).toEqual([]);
  });
});
