import { DEFAULT_PRICING, estimateMonthlyCost } from './estimate';
import { compareEstimateWithBill } from './estimateVsBill';

// t3.large x 2 with monitoring: 73 + 121.47 + 7.20 = 201.67 a month.
const estimate = estimateMonthlyCost(
  { instanceType: 't3.large', desiredNodes: 2, addOns: ['monitoring'] },
  DEFAULT_PRICING,
)!;
const HOURS = 7 * 24;
const share = HOURS / 730;
/** The bill for 7 days exactly as planned. */
const asPlanned = {
  days: 7,
  compute: 2 * 0.0832 * HOURS,
  volumes: estimate.storage * share,
  total: estimate.total * share,
  averageNodes: 2,
};

describe('compareEstimateWithBill', () => {
  it('is within tolerance when the bill is the estimate, and names no cause', () => {
    const r = compareEstimateWithBill(estimate, DEFAULT_PRICING, asPlanned);
    expect(r.estimated).toBe(Math.round(201.67 * share * 100) / 100);
    expect(r.gap).toBeCloseTo(0, 2);
    expect(r).toMatchObject({ days: 7, outside: false, causes: [] });
  });

  it('is within at exactly 30% over, outside a cent beyond', () => {
    // A month of exactly the 7 days: the window's estimate is the total.
    const week = { ...DEFAULT_PRICING, hoursPerMonth: HOURS };
    const flat = { ...estimate, storage: 10, total: 200 };
    const bill = (total: number) =>
      compareEstimateWithBill(flat, week, { ...asPlanned, total });
    expect(bill(260)).toMatchObject({
      estimated: 200,
      billed: 260,
      outside: false,
    });
    expect(bill(260.01).outside).toBe(true);
    expect(bill(140)).toMatchObject({ outside: false });
    expect(bill(139.99).outside).toBe(true);
  });

  it('names the node count when the autoscaler ran more nodes than planned', () => {
    const extra = 0.0832 * HOURS * 1.5;
    const r = compareEstimateWithBill(estimate, DEFAULT_PRICING, {
      ...asPlanned,
      averageNodes: 3.5,
      compute: asPlanned.compute + extra,
      total: asPlanned.total + extra,
    });
    expect(r.outside).toBe(true);
    expect(r.gap).toBeGreaterThan(0.3);
    expect(r.causes.map(c => c.cause)).toEqual(['node count']);
    expect(r.causes[0].difference).toBeCloseTo(extra, 1);
  });

  it('names the instance type when the same nodes cost more per hour', () => {
    // m6i.xlarge (0.192 / h) instead of t3.large, 2 nodes.
    const compute = 2 * 0.192 * HOURS;
    const r = compareEstimateWithBill(estimate, DEFAULT_PRICING, {
      ...asPlanned,
      compute,
      total: asPlanned.total - asPlanned.compute + compute,
    });
    expect(r.causes.map(c => c.cause)).toEqual(['instance type']);
  });

  it('names volumes, and lists causes by their share of the gap', () => {
    const volumes = asPlanned.volumes + 40;
    const compute = asPlanned.compute + 10;
    const r = compareEstimateWithBill(estimate, DEFAULT_PRICING, {
      ...asPlanned,
      volumes,
      compute,
      total: asPlanned.total + 50,
    });
    expect(r.causes.map(c => c.cause)).toEqual(['volumes', 'instance type']);
  });

  it('says a bill far under the estimate is outside too (fewer nodes)', () => {
    const r = compareEstimateWithBill(estimate, DEFAULT_PRICING, {
      ...asPlanned,
      averageNodes: 0.5,
      compute: 0.5 * 0.0832 * HOURS,
      total: asPlanned.total - 1.5 * 0.0832 * HOURS,
    });
    expect(r.gap).toBeLessThan(-0.3);
    expect(r.causes[0]).toMatchObject({ cause: 'node count' });
    expect(r.causes[0].difference).toBeLessThan(0);
  });
});
