import { createServiceFactory } from '@backstage/backend-plugin-api';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import request from 'supertest';

/**
 * Alerts accepted without an alerts backend, for tests about collection
 * (src/alerting has the alert tests).
 */
export const acceptingAlerts = createServiceFactory({
  service: alertsServiceRef,
  deps: {},
  factory: () => ({
    raise: async event => ({ id: event.id ?? '', status: 'sent' as const }),
  }),
});

/** A collection schedule that starts no run during a test: runs come on request. */
export const RARELY = {
  frequency: { hours: 24 },
  timeout: { minutes: 5 },
  initialDelay: { hours: 12 },
};

/** What `fn` answers once it answers something, trying every 250 ms for `ms`. */
export async function waitFor<T>(
  fn: () => T | undefined | Promise<T | undefined>,
  what = 'a value',
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

/**
 * Starts a collection run through POST /runs (expecting 202) and answers
 * the run from GET /runs once it is no longer running.
 */
export async function runOnRequest(
  server: Parameters<typeof request>[0],
  authorization: string,
) {
  const triggered = await request(server)
    .post('/api/cost-uptime/runs')
    .set('authorization', authorization);
  expect(triggered.status).toBe(202);
  return waitFor(async () => {
    const res = await request(server)
      .get('/api/cost-uptime/runs')
      .set('authorization', authorization);
    const [latest] = res.body.runs ?? [];
    return latest && latest.status !== 'running' ? latest : undefined;
  }, 'the collection run');
}
