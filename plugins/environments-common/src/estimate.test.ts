import { ConfigReader } from '@backstage/config';
import { DEFAULT_PRICING, estimateMonthlyCost, readPricing } from './estimate';

describe('estimateMonthlyCost', () => {
  it('adds control plane, nodes and storage', () => {
    const e = estimateMonthlyCost(
      { instanceType: 't3.large', desiredNodes: 2, addOns: ['monitoring'] },
      DEFAULT_PRICING,
    )!;
    expect(e.controlPlane).toBe(73); // 0.10 x 730
    expect(e.nodes).toBe(121.47); // 2 x 0.0832 x 730
    expect(e.storage).toBe(7.2); // (2 x 20 + 50) GB x 0.08
    expect(e.total).toBe(201.67);
  });

  it('changes with the node count and drops the monitoring volume without monitoring', () => {
    const two = estimateMonthlyCost(
      { instanceType: 't3.large', desiredNodes: 2, addOns: [] },
      DEFAULT_PRICING,
    )!;
    const three = estimateMonthlyCost(
      { instanceType: 't3.large', desiredNodes: 3, addOns: [] },
      DEFAULT_PRICING,
    )!;
    expect(two.storage).toBe(3.2);
    expect(three.total - two.total).toBeCloseTo(0.0832 * 730 + 20 * 0.08, 2);
  });

  it('has no estimate for an unknown instance type or a bad node count', () => {
    expect(
      estimateMonthlyCost(
        { instanceType: 'x9.huge', desiredNodes: 2 },
        DEFAULT_PRICING,
      ),
    ).toBeUndefined();
    expect(
      estimateMonthlyCost(
        { instanceType: 't3.large', desiredNodes: 'two' },
        DEFAULT_PRICING,
      ),
    ).toBeUndefined();
    expect(estimateMonthlyCost({}, DEFAULT_PRICING)).toBeUndefined();
  });

  it('reads prices from config, keeping defaults for what config omits', () => {
    const pricing = readPricing(
      new ConfigReader({
        platform: {
          pricing: {
            controlPlanePerHour: 0.2,
            instanceTypes: [
              { name: 't3.large', perHour: 0.1 },
              { name: 'g5.xlarge', perHour: 1 },
            ],
          },
        },
      }),
    );
    expect(pricing.controlPlanePerHour).toBe(0.2);
    expect(pricing.instancePerHour['t3.large']).toBe(0.1);
    expect(pricing.instancePerHour['g5.xlarge']).toBe(1);
    expect(pricing.instancePerHour['m6i.large']).toBe(0.096);
    expect(pricing.hoursPerMonth).toBe(730);
    expect(readPricing(new ConfigReader({}))).toEqual(DEFAULT_PRICING);
  });
});
