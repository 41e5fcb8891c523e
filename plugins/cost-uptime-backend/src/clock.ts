import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * The one clock of the cost and uptime plugin: the collector, the reports and
 * the alerts all read today's date from it, so tests set one date for all.
 */
export interface CostUptimeClock {
  now(): Date;
}

const systemClock: CostUptimeClock = { now: () => new Date() };

/** A clock that reads `at` (a Date or ISO instant), for tests. */
export function fixedClock(at: Date | string): CostUptimeClock {
  const ms = new Date(at).getTime();
  if (!Number.isFinite(ms)) throw new TypeError(`Not an instant: ${at}`);
  return { now: () => new Date(ms) };
}

export const costUptimeClockServiceRef = createServiceRef<CostUptimeClock>({
  id: 'cost-uptime.clock',
  defaultFactory: async service =>
    createServiceFactory({ service, deps: {}, factory: () => systemClock }),
});

/** Replaces the plugin's clock in a test backend. */
export function clockServiceFactory(clock: CostUptimeClock) {
  return createServiceFactory({
    service: costUptimeClockServiceRef,
    deps: {},
    factory: () => clock,
  });
}
