/**
 * The home page's one source of "now". Cards take a `Clock` so tests set the
 * time; the app passes `systemClock`.
 */
export interface Clock {
  now(): Date;
}

/** The browser's clock. */
export const systemClock: Clock = { now: () => new Date() };
