import type { EnvironmentRun } from '@internal/plugin-environments-common';
import { MAX_RETRY_MS, nextDestroyAttempt } from './destroyRetry';

let id = 0;
const run = (
  operation: EnvironmentRun['operation'],
  result: string | undefined,
  finishedAt?: string,
): EnvironmentRun => ({
  id: ++id,
  operation,
  requestedBy: 'expiry',
  requestedAt: finishedAt ?? '2026-12-04T09:00:00.000Z',
  ...(result ? { result } : {}),
  ...(finishedAt ? { finishedAt } : {}),
});
const failed = (at: string) => run('destroy', 'FAILURE', at);

describe('nextDestroyAttempt', () => {
  it('does not wait without a failed destroy, or once one succeeded or runs', () => {
    expect(nextDestroyAttempt([])).toBeUndefined();
    expect(
      nextDestroyAttempt([run('extend', 'SUCCESS'), run('create', 'SUCCESS')]),
    ).toBeUndefined();
    expect(
      nextDestroyAttempt([
        run('destroy', undefined),
        failed('2026-12-04T10:00:00.000Z'),
      ]),
    ).toBeUndefined();
    expect(
      nextDestroyAttempt([
        run('destroy', 'SUCCESS', '2026-12-04T10:10:00.000Z'),
        failed('2026-12-04T10:00:00.000Z'),
      ]),
    ).toBeUndefined();
  });

  it('waits 5 minutes after one failure, doubling per failure in a row', () => {
    const runs = [
      failed('2026-12-04T10:15:00.000Z'),
      run('extend', 'SUCCESS', '2026-12-04T10:12:00.000Z'),
      failed('2026-12-04T10:05:00.000Z'),
      failed('2026-12-04T10:00:00.000Z'),
    ];
    expect(nextDestroyAttempt(runs.slice(3))?.toISOString()).toBe(
      '2026-12-04T10:05:00.000Z',
    );
    expect(nextDestroyAttempt(runs.slice(2))?.toISOString()).toBe(
      '2026-12-04T10:15:00.000Z',
    );
    // Other runs between do not break the row; the newest failure counts.
    expect(nextDestroyAttempt(runs)?.toISOString()).toBe(
      '2026-12-04T10:35:00.000Z',
    );
  });

  it('counts only failures since the latest create (another life of the name)', () => {
    expect(
      nextDestroyAttempt([
        failed('2026-12-04T12:00:00.000Z'),
        run('create', 'SUCCESS', '2026-12-04T11:00:00.000Z'),
        failed('2026-12-04T10:05:00.000Z'),
        failed('2026-12-04T10:00:00.000Z'),
      ])?.toISOString(),
    ).toBe('2026-12-04T12:05:00.000Z');
  });

  it('waits at most 6 hours, however many failed', () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      failed(new Date(Date.UTC(2026, 11, 4, 0, 0) - i * 60_000).toISOString()),
    );
    expect(nextDestroyAttempt(runs)!.getTime()).toBe(
      Date.UTC(2026, 11, 4) + MAX_RETRY_MS,
    );
  });

  it('falls back to when a failed run was asked for without its end time', () => {
    expect(nextDestroyAttempt([run('destroy', 'FAILURE')])?.toISOString()).toBe(
      '2026-12-04T09:05:00.000Z',
    );
  });
});
