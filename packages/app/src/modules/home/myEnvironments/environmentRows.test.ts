import { environmentRow, expiresToday, untilExpiry } from './environmentRows';

const row = (expiresAt?: string) =>
  environmentRow({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'dev-x',
      annotations: expiresAt
        ? { 'platform.acme.io/expires-at': expiresAt }
        : {},
    },
  });

describe('expiresToday', () => {
  it("uses the user's time zone: at 01:00 on 1 January in Seoul, 23:30 on 31 December is yesterday", () => {
    const now = new Date('2027-01-01T01:00:00+09:00');
    const r = row('2026-12-31T23:30:00+09:00');
    expect(expiresToday(r, now, 'Asia/Seoul')).toBe(false);
    // Both are 31 December in UTC.
    expect(expiresToday(r, now, 'UTC')).toBe(true);
  });

  it('is false without an expiry or with a broken one', () => {
    const now = new Date('2026-12-31T10:00:00Z');
    expect(expiresToday(row(), now, 'UTC')).toBe(false);
    expect(expiresToday(row('not a date'), now, 'UTC')).toBe(false);
  });
});

describe('untilExpiry', () => {
  it('counts hours under a day, days beyond', () => {
    const now = new Date('2026-12-31T10:00:00Z');
    expect(untilExpiry(new Date('2026-12-31T15:00:00Z'), now)).toEqual({
      value: 5,
      unit: 'hour',
    });
    expect(untilExpiry(new Date('2027-01-03T10:00:00Z'), now)).toEqual({
      value: 3,
      unit: 'day',
    });
  });
});
