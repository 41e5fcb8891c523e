import { parseDateRange } from './parseDateRange';

const now = new Date('2026-03-15T10:30:00Z');
const rules = { maxDays: 800, now };

describe('parseDateRange', () => {
  it('passes real dates through unchanged, and missing ends', () => {
    expect(
      parseDateRange({ from: '2024-02-29', to: '2026-03-15' }, rules),
    ).toEqual({
      from: '2024-02-29',
      to: '2026-03-15',
    });
    expect(parseDateRange({}, rules)).toEqual({
      from: undefined,
      to: undefined,
    });
    expect(
      parseDateRange(
        { from: '2026-03-01T00', to: '2026-03-01T23' },
        { ...rules, hours: true },
      ),
    ).toEqual({
      from: '2026-03-01T00',
      to: '2026-03-01T23',
    });
  });

  it.each([
    ['2025-02-30', 'a day February does not have'],
    ['2023-02-29', 'no leap day that year'],
    ['0000-00-00', 'month and day zero'],
    ['2026-13-01', 'month 13'],
    ['2026-04-31', 'a day April does not have'],
    ['2026-1-01', 'short month'],
    ['20260101', 'no dashes'],
    ['2026-01-01T10', 'an hour where only days are allowed'],
    ['2026-01-01T00:00:00Z', 'a timestamp'],
    [' 2026-01-01', 'leading space'],
    ['yesterday', 'a word'],
    ['', 'empty'],
  ])('refuses from=%s (%s) with the field named', value => {
    expect(() => parseDateRange({ from: value }, rules)).toThrow(
      /^Invalid request: from: /,
    );
    expect(() => parseDateRange({ to: value }, rules)).toThrow(
      /^Invalid request: to: /,
    );
  });

  it.each(['2026-01-01T25', '2026-01-01T24', '2026-02-30T10', '2026-01-01T1'])(
    'refuses the hour %s',
    value => {
      expect(() =>
        parseDateRange({ to: value }, { ...rules, hours: true }),
      ).toThrow(/^Invalid request: to: /);
    },
  );

  it('refuses from after to', () => {
    expect(() =>
      parseDateRange({ from: '2026-03-02', to: '2026-03-01' }, rules),
    ).toThrow('from must not be after to');
    expect(() =>
      parseDateRange(
        { from: '2026-03-01T11', to: '2026-03-01T10' },
        { ...rules, hours: true },
      ),
    ).toThrow('from must not be after to');
  });

  it('caps every range, also when one end is missing', () => {
    expect(() =>
      parseDateRange({ from: '2020-01-01', to: '2026-01-01' }, rules),
    ).toThrow('from and to span more than 800 days');
    // The other end counts as today (2026-03-15).
    expect(() => parseDateRange({ from: '2024-01-01' }, rules)).toThrow(
      /more than 800 days/,
    );
    expect(() => parseDateRange({ to: '2029-01-01' }, rules)).toThrow(
      /more than 800 days/,
    );
    expect(() => parseDateRange({ to: '2020-01-01' }, rules)).toThrow(
      /more than 800 days/,
    );
    expect(parseDateRange({ from: '2024-01-06' }, rules).from).toBe(
      '2024-01-06',
    );
    expect(() =>
      parseDateRange(
        { from: '2026-02-01T00', to: '2026-03-05T00' },
        { ...rules, hours: true, maxDays: 31 },
      ),
    ).toThrow(/more than 31 days/);
  });
});
