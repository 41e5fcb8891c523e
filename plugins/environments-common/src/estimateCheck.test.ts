import { DEFAULT_PRICING, estimateMonthlyCost } from './estimate';
import {
  AWS_COMPUTE_SERVICE,
  AWS_VOLUMES_SERVICE,
  billedWindowOf,
  estimateCheck,
  estimateCheckWindow,
  readStoredEstimate,
} from './estimateCheck';

const estimate = estimateMonthlyCost(
  { instanceType: 't3.large', desiredNodes: 2, addOns: ['monitoring'] },
  DEFAULT_PRICING,
)!;

describe('estimateCheckWindow', () => {
  it('takes the 7 whole UTC days after the ready day, checked the day after', () => {
    expect(estimateCheckWindow(new Date('2026-12-03T23:59:00Z'))).toEqual({
      from: '2026-12-04',
      to: '2026-12-10',
      checkOn: '2026-12-11',
    });
  });

  it('crosses a year end and a leap day', () => {
    expect(estimateCheckWindow(new Date('2026-12-28T00:00:00Z'))).toEqual({
      from: '2026-12-29',
      to: '2027-01-04',
      checkOn: '2027-01-05',
    });
    expect(estimateCheckWindow(new Date('2028-02-25T10:00:00Z'))).toEqual({
      from: '2028-02-26',
      to: '2028-03-03',
      checkOn: '2028-03-04',
    });
  });
});

describe('billedWindowOf', () => {
  const day = (period: string, key: string, amount: number) => ({
    period,
    key,
    amount,
  });
  it("sums the window's days by part, ignoring days outside it", () => {
    const points = [
      day('2026-12-03', AWS_COMPUTE_SERVICE, 100), // the ready day: partial
      day('2026-12-04', AWS_COMPUTE_SERVICE, 4),
      day('2026-12-04', AWS_VOLUMES_SERVICE, 0.25),
      day('2026-12-04', 'Amazon Elastic Container Service for Kubernetes', 2.4),
      day('2026-12-05', AWS_COMPUTE_SERVICE, 4.1),
      day('2026-12-11', AWS_COMPUTE_SERVICE, 100), // after the window
    ];
    expect(
      billedWindowOf(points, { from: '2026-12-04', to: '2026-12-10' }, 2),
    ).toEqual({
      days: 2,
      total: 10.75,
      compute: 8.1,
      volumes: 0.25,
      averageNodes: 2,
    });
  });
});

describe('estimateCheck', () => {
  const readyAt = new Date('2026-12-03T10:00:00Z');
  // Five nodes ran instead of two, at the planned type's price.
  const bill = {
    days: 7,
    total: 91.7,
    compute: 69.89,
    volumes: 5,
    averageNodes: 5,
  };
  const at = (iso: string) => ({
    estimate,
    readyAt,
    now: new Date(iso),
    pricing: DEFAULT_PRICING,
    bill,
  });

  it('has nothing to check without an estimate or before ready', () => {
    expect(
      estimateCheck({ now: new Date(), pricing: DEFAULT_PRICING }),
    ).toEqual({ state: 'no-estimate' });
    expect(
      estimateCheck({ estimate, now: new Date(), pricing: DEFAULT_PRICING }),
    ).toEqual({ state: 'not-ready', estimate });
  });

  it('waits until the check day, then compares', () => {
    expect(estimateCheck(at('2026-12-10T23:59:59Z'))).toMatchObject({
      state: 'waiting',
      window: { checkOn: '2026-12-11' },
    });
    const checked = estimateCheck(at('2026-12-11T00:00:00Z'));
    expect(checked).toMatchObject({
      state: 'checked',
      readyAt: '2026-12-03T10:00:00.000Z',
      result: { billed: 91.7, outside: true },
    });
    expect(checked.state === 'checked' && checked.result.causes[0].cause).toBe(
      'node count',
    );
  });

  it('keeps waiting while no day of the window is billed', () => {
    expect(
      estimateCheck({
        ...at('2026-12-20T00:00:00Z'),
        bill: { ...bill, days: 0 },
      }).state,
    ).toBe('waiting');
  });
});

describe('readStoredEstimate', () => {
  it('reads what the render step stored, and nothing else', () => {
    expect(readStoredEstimate(JSON.stringify(estimate))).toEqual(estimate);
    expect(readStoredEstimate(undefined)).toBeUndefined();
    expect(readStoredEstimate('{not json')).toBeUndefined();
    expect(readStoredEstimate('null')).toBeUndefined();
    expect(
      readStoredEstimate(JSON.stringify({ ...estimate, total: '201' })),
    ).toBeUndefined();
  });
});
