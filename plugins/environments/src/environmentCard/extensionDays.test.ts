import { asksToExtend, extensionDays } from './EnvironmentCard';

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

  it("caps at the purpose's maximum", () => {
    const in28 = new Date(now + 28 * DAY).toISOString();
    expect(extensionDays(in28, now, 30)).toBe(30);
    expect(extensionDays(new Date(now + 2 * DAY).toISOString(), now, 14)).toBe(
      9,
    );
  });
});

describe('asksToExtend', () => {
  it('is true for ?extend=1 only', () => {
    expect(asksToExtend('?extend=1')).toBe(true);
    expect(asksToExtend('?tab=overview&extend=1')).toBe(true);
    expect(asksToExtend('')).toBe(false);
    expect(asksToExtend('?extend=0')).toBe(false);
  });
});
