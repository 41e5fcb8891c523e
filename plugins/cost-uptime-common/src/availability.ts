/**
 * Availability over a window: the one aggregation behind the uptime table
 * (the report API) and the "below SLO" alert. Each stored day carries the
 * share of good samples and how many hours had samples; a window's
 * availability is the hour-weighted mean of its days, so a day with one
 * hour of data weighs one hour, not one day.
 */

/** One stored day of an SLI in one environment. */
export interface SliDay {
  sliKey: string;
  environment: string;
  day: string;
  /** Share of good samples that day, 0..1. */
  value: number;
  /** Hours of the day with samples. */
  hours: number;
}

/** One SLI in one environment over the window. */
export interface AvailabilityGroup {
  sliKey: string;
  environment: string;
  /** Hour-weighted mean of the days, 0..1; null without an hour of data. */
  availability: number | null;
  /** Hours with data in the window. */
  hours: number;
  /** The days, in the order given. */
  daily: { day: string; availability: number }[];
}

/** Groups days by SLI and environment (first-seen order) and aggregates each. */
export function aggregateAvailability(rows: SliDay[]): AvailabilityGroup[] {
  const groups = new Map<string, SliDay[]>();
  for (const r of rows) {
    const key = `${r.sliKey}\u0000${r.environment}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map(list => {
    const hours = list.reduce((a, r) => a + r.hours, 0);
    const up = list.reduce((a, r) => a + r.value * r.hours, 0);
    return {
      sliKey: list[0].sliKey,
      environment: list[0].environment,
      availability: hours > 0 ? Math.max(0, Math.min(1, up / hours)) : null,
      hours,
      daily: list.map(r => ({ day: r.day, availability: r.value })),
    };
  });
}

/** The SLO as a fraction: the entity's percentage when it is a number, else the default. */
export function sloTarget(
  entitySloPercent: number | undefined,
  defaultSloPercent: number,
): number {
  return entitySloPercent !== undefined && Number.isFinite(entitySloPercent)
    ? entitySloPercent / 100
    : defaultSloPercent / 100;
}

/** Exactly at the SLO meets it; the tolerance absorbs float averaging. */
export function meetsSlo(availability: number, slo: number): boolean {
  return availability >= slo - 1e-12;
}

/**
 * Share of the error budget left: 1 untouched, below 0 the SLO is missed.
 * A 100% SLO has no budget: 1 while met, -1 once missed.
 */
export function errorBudgetRemaining(
  availability: number | null,
  slo: number,
): number | null {
  if (availability === null) return null;
  if (slo >= 1) return meetsSlo(availability, slo) ? 1 : -1;
  return 1 - (1 - availability) / (1 - slo);
}
