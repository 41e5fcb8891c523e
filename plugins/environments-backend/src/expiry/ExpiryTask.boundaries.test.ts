/*
 * The expiry task's thresholds with a set clock: the 48 h, 2 h and 30 min
 * warnings, the destroy, and the platform admins' overdue alert, just
 * before, at and just after each, for expiries at a month's end, a year's
 * end and on a leap day. `run(now)` is given the instant; the environments
 * come from a recording stand-in for the environment service
 * (ExpiryTask.test.ts runs the real one).
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AlertEvent, AlertsService } from '@internal/plugin-alerts-node';
import { DateTime } from 'luxon';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';
import type { EnvironmentService } from '@internal/plugin-environments-node';
import {
  ExpiryTask,
  NOTIFIED_ANNOTATION,
  expiryAlertId,
  overdueAlertId,
  type ExpiryWindow,
} from './ExpiryTask';

type Call =
  | { kind: 'alert'; id: string; to?: string }
  | { kind: 'annotate'; name: string; notified?: string }
  | { kind: 'destroy'; name: string };

/**
 * One environment whose annotations the task's writes update, as the
 * catalog does after a sync. `destroyStarts: false` makes every destroy
 * fail to start (another run open), so no destroy run is recorded.
 */
function setup(
  expiresAt: DateTime,
  notified?: ExpiryWindow,
  options: { destroyStarts?: boolean; status?: string } = {},
) {
  const calls: Call[] = [];
  const annotations: Record<string, string> = {
    [ANNOTATIONS.purpose]: 'dev',
    [ANNOTATIONS.expiresAt]: expiresAt.toISO()!,
    [ANNOTATIONS.status]: options.status ?? 'ready',
    ...(notified ? { [NOTIFIED_ANNOTATION]: notified } : {}),
  };
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dev-a', namespace: 'default', annotations },
    spec: { type: 'environment', owner: 'group:default/developers' },
  };
  let destroyRuns = 0;
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
  // Deduplicates by id, as the alerts backend does.
  const sent = new Set<string>();
  const alerts: AlertsService = {
    raise: async (event: AlertEvent) => {
      if (sent.has(event.id!)) return { id: event.id!, status: 'duplicate' };
      sent.add(event.id!);
      calls.push({
        kind: 'alert',
        id: event.id!,
        ...(event.id!.includes('overdue') ? { to: event.entityRef } : {}),
      });
      return { id: event.id!, status: 'sent' };
    },
  };
  // The boundaries are about when; what a destroy records is ExpiryTask.test.ts's.
  const recorder = {
    start: async () => {
      if (options.destroyStarts === false) throw new Error('a run is open');
      destroyRuns += 1;
      return { id: destroyRuns };
    },
    setBuild: async () => {},
    finish: async () => {},
  };
  const runs = {
    hasDestroyRun: async () => destroyRuns > 0,
    nextDestroyAttempt: async () => undefined,
  };
  const make = () =>
    new ExpiryTask({
      service,
      alerts,
      logger: mockServices.logger.mock(),
      recorder,
      runs,
      adminGroup: 'group:default/platform-admins',
    });
  const task = make();
  return {
    calls,
    run: (now: DateTime) => task.run(now),
    /** Another replica (or a restart): a task of its own over the same state. */
    replica: () => make(),
  };
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
  const w48 = expiryAlertId('dev-a', expiry, '48h');
  const w2 = expiryAlertId('dev-a', expiry, '2h');
  const w30 = expiryAlertId('dev-a', expiry, '30m');
  const SEC = { seconds: 1 };

  it('is left alone until 48 hours before, warned at exactly 48 hours, once', async () => {
    const early = setup(expiresAt);
    await early.run(expiresAt.minus({ hours: 48 }).minus(SEC));
    await early.run(expiresAt.minus({ hours: 48 }).minus(MS));
    expect(early.calls).toEqual([]);

    const at = setup(expiresAt);
    await at.run(expiresAt.minus({ hours: 48 }));
    expect(at.calls).toEqual([
      { kind: 'alert', id: w48 },
      { kind: 'annotate', name: 'dev-a', notified: '48h' },
    ]);
    // Once: the next runs, a millisecond and a minute later, see the annotation.
    await at.run(expiresAt.minus({ hours: 48 }).plus(MS));
    await at.run(expiresAt.minus({ hours: 47, minutes: 59 }));
    expect(at.calls).toHaveLength(2);
  });

  it('gets the 2 hour warning at exactly 2 hours, not a second before', async () => {
    const before = setup(expiresAt, '48h');
    await before.run(expiresAt.minus({ hours: 2 }).minus(SEC));
    expect(before.calls).toEqual([]);

    const at = setup(expiresAt, '48h');
    await at.run(expiresAt.minus({ hours: 2 }));
    expect(at.calls).toEqual([
      { kind: 'alert', id: w2 },
      { kind: 'annotate', name: 'dev-a', notified: '2h' },
    ]);
    await at.run(expiresAt.minus({ minutes: 30 }).minus(SEC));
    expect(at.calls).toHaveLength(2);
  });

  it('gets the 30 minute warning at exactly 30 minutes, then nothing until the expiry', async () => {
    const before = setup(expiresAt, '2h');
    await before.run(expiresAt.minus({ minutes: 30 }).minus(SEC));
    expect(before.calls).toEqual([]);

    const at = setup(expiresAt, '2h');
    await at.run(expiresAt.minus({ minutes: 30 }));
    expect(at.calls).toEqual([
      { kind: 'alert', id: w30 },
      { kind: 'annotate', name: 'dev-a', notified: '30m' },
    ]);
    await at.run(expiresAt.minus(MS));
    expect(at.calls).toHaveLength(2);
  });

  it('sends each window once over a run every minute, even with two replicas', async () => {
    const s = setup(expiresAt);
    const other = s.replica();
    for (
      let now = expiresAt.minus({ hours: 49 });
      now < expiresAt;
      now = now.plus({ minutes: 1 })
    ) {
      // Both replicas look at the same instant, before either write is read back.
      await Promise.all([s.run(now), other.run(now)]);
    }
    expect(s.calls.filter(c => c.kind === 'alert')).toEqual([
      { kind: 'alert', id: w48 },
      { kind: 'alert', id: w2 },
      { kind: 'alert', id: w30 },
    ]);
  });

  it('gets only the latest warning when no run fell into the earlier windows', async () => {
    const late = setup(expiresAt);
    await late.run(expiresAt.minus({ minutes: 10 }));
    expect(late.calls).toEqual([
      { kind: 'alert', id: w30 },
      { kind: 'annotate', name: 'dev-a', notified: '30m' },
    ]);
  });

  it('tells the platform admins once when it is more than an hour past its expiry without a destroy run', async () => {
    const overdue = overdueAlertId('dev-a', expiry);
    const s = setup(expiresAt, '30m', { destroyStarts: false });
    await s.run(expiresAt);
    await s.run(expiresAt.plus({ minutes: 59 }));
    await s.run(expiresAt.plus({ hours: 1 }));
    expect(s.calls).toEqual([]);

    await s.run(expiresAt.plus({ minutes: 61 }));
    await s.run(expiresAt.plus({ minutes: 62 }));
    await s.replica().run(expiresAt.plus({ minutes: 63 }));
    expect(s.calls).toEqual([
      { kind: 'alert', id: overdue, to: 'group:default/platform-admins' },
    ]);
  });

  it('catches an environment left in destroying without a destroy run', async () => {
    const s = setup(expiresAt, '30m', { status: 'destroying' });
    await s.run(expiresAt.plus({ minutes: 59 }));
    expect(s.calls).toEqual([]);
    await s.run(expiresAt.plus({ minutes: 61 }));
    expect(s.calls).toEqual([
      {
        kind: 'alert',
        id: overdueAlertId('dev-a', expiry),
        to: 'group:default/platform-admins',
      },
    ]);
  });

  it('does not tell the admins when its destroy run started', async () => {
    const s = setup(expiresAt, '30m');
    await s.run(expiresAt);
    await s.run(expiresAt.plus({ minutes: 61 }));
    expect(s.calls.filter(c => c.kind === 'alert' && c.to)).toEqual([]);
  });

  it('is destroyed at its expiry and after it, not a millisecond before', async () => {
    const before = setup(expiresAt, '30m');
    await before.run(expiresAt.minus(MS));
    expect(before.calls).toEqual([]);

    for (const now of [
      expiresAt,
      expiresAt.plus(MS),
      expiresAt.plus({ days: 40 }),
    ]) {
      const s = setup(expiresAt, '30m');
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
    const s = setup(expiresAt, '30m');
    await s.run(expiresAt.setZone('Asia/Seoul'));
    expect(s.calls[0]).toEqual({ kind: 'destroy', name: 'dev-a' });
    const t = setup(expiresAt, '30m');
    await t.run(expiresAt.minus(MS).setZone('America/Los_Angeles'));
    expect(t.calls).toEqual([]);
  });
});
