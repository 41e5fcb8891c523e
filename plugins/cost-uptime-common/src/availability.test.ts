import {
  aggregateAvailability,
  errorBudgetRemaining,
  meetsSlo,
  sloTarget,
  type SliDay,
} from './availability';

const day = (
  sliKey: string,
  environment: string,
  d: string,
  value: number,
  hours: number,
): SliDay => ({ sliKey, environment, day: d, value, hours });

describe('aggregateAvailability', () => {
  it('weighs each day by its hours with data, per SLI and environment', () => {
    const groups = aggregateAvailability([
      day('shop', 'dev-a', '2026-11-01', 1, 23),
      day('shop', 'prod', '2026-11-01', 0.5, 24),
      day('shop', 'dev-a', '2026-11-02', 0, 1),
    ]);
    expect(groups).toEqual([
      {
        sliKey: 'shop',
        environment: 'dev-a',
        availability: 23 / 24,
        hours: 24,
        daily: [
          { day: '2026-11-01', availability: 1 },
          { day: '2026-11-02', availability: 0 },
        ],
      },
      {
        sliKey: 'shop',
        environment: 'prod',
        availability: 0.5,
        hours: 24,
        daily: [{ day: '2026-11-01', availability: 0.5 }],
      },
    ]);
  });

  it('has no availability without an hour of data', () => {
    expect(
      aggregateAvailability([day('a', 'e', '2026-11-01', 1, 0)])[0]
        .availability,
    ).toBeNull();
  });
});

describe('SLO helpers', () => {
  it("takes the entity's SLO when it is a number, else the default", () => {
    expect(sloTarget(99.9, 99.5)).toBeCloseTo(0.999, 12);
    expect(sloTarget(undefined, 99.5)).toBeCloseTo(0.995, 12);
    expect(sloTarget(Number.NaN, 99.5)).toBeCloseTo(0.995, 12);
  });

  it('meets the SLO exactly at it', () => {
    expect(meetsSlo((0.995 * 24 * 30) / (24 * 30), 0.995)).toBe(true);
    expect(meetsSlo(0.99499, 0.995)).toBe(false);
  });

  it('gives the error budget left', () => {
    expect(errorBudgetRemaining(0.9975, 0.995)).toBeCloseTo(0.5, 9);
    expect(errorBudgetRemaining(0.99, 0.995)).toBeCloseTo(-1, 9);
    expect(errorBudgetRemaining(null, 0.995)).toBeNull();
    expect(errorBudgetRemaining(1, 1)).toBe(1);
    expect(errorBudgetRemaining(0.9, 1)).toBe(-1);
  });
});
