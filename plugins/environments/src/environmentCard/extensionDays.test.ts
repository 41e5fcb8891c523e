import { extensionDays } from './EnvironmentCard';

const DAY = 24 * 3600 * 1000;
const now = Date.parse('2026-11-25T12:00:00Z');

describe('extensionDays', () => {
  it('asks for a week past the current expiry, in whole days from now', () => {
    expect(extensionDays(new Date(now + 7 * DAY).toISOString(), now)).toBe(14);
    expect(extensionDays(new Date(now + 2.5 * DAY).toISOString(), now)).toBe(
      10,
    );
  });

  it('counts from now when expired or unknown, and caps at 90 days', () => {
    expect(extensionDays(new Date(now - DAY).toISOString(), now)).toBe(7);
    expect(extensionDays(undefined, now)).toBe(7);
    expect(extensionDays('not a date', now)).toBe(7);
    expect(extensionDays(new Date(now + 88 * DAY).toISOString(), now)).toBe(90);
  });
});
