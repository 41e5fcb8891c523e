import type { EnvironmentRun } from '@internal/plugin-environments-common';

/** The wait after the first failed destroy in a row. */
const FIRST_RETRY_MS = 5 * 60_000;
/** The longest wait between destroy attempts of an expired environment. */
export const MAX_RETRY_MS = 6 * 3600_000;

/**
 * When the expiry task may try to destroy an environment again, from its
 * runs (newest first): after the destroy runs that failed in a row since
 * its latest create, 5 minutes after the last one, doubling per failure,
 * at most 6 hours. `undefined`: no failed destroy to wait after (none yet,
 * the last one succeeded, or one is running).
 */
export function nextDestroyAttempt(
  runs: readonly EnvironmentRun[],
): Date | undefined {
  let failures = 0;
  let lastFailedAt: string | undefined;
  for (const run of runs) {
    if (run.operation === 'create') break;
    if (run.operation !== 'destroy') continue;
    if (run.result === undefined || run.result === 'SUCCESS') break;
    failures += 1;
    lastFailedAt ??= run.finishedAt ?? run.requestedAt;
  }
  if (failures === 0 || !lastFailedAt) return undefined;
  const wait = Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
  return new Date(Date.parse(lastFailedAt) + wait);
}
