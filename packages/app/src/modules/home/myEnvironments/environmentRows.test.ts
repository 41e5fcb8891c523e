import {
  environmentRow,
  expiresToday,
  needsAttention,
  untilExpiry,
} from './environmentRows';

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

describe('needsAttention', () => {
  const env = (name: string, annotations: Record<string, string>) =>
    environmentRow({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, annotations },
    });
  const now = new Date('2026-12-31T10:00:00Z');

  it('lists failed environments first, then those expiring today in the zone', () => {
    const rows = [
      env('fine', { 'platform.acme.io/status': 'ready' }),
      env('expiring', {
        'platform.acme.io/status': 'ready',
        'platform.acme.io/expires-at': '2026-12-31T20:00:00Z',
      }),
      env('broken', { 'platform.acme.io/status': 'failed' }),
      env('gone', {
        'platform.acme.io/status': 'destroyed',
        'platform.acme.io/expires-at': '2026-12-31T11:00:00Z',
      }),
      env('tomorrow', {
        'platform.acme.io/expires-at': '2027-01-01T00:30:00Z',
      }),
    ];
    expect(
      needsAttention(rows, now, 'UTC').map(a => [a.row.name, a.reason]),
    ).toEqual([
      ['broken', 'failed'],
      ['expiring', 'expiresToday'],
    ]);
    // In Seoul it is 19:00 on the 31st: 20:00 UTC on the 31st is already
    // 05:00 on 1 January there, so not today.
    expect(
      needsAttention(rows, now, 'Asia/Seoul').map(a => a.row.name),
    ).toEqual(['broken']);
  });
});
