import { DEFAULT_PRICING, estimateMonthlyCost } from './estimate';
import { pausedMonthlyCost } from './pausedCost';

describe('pausedMonthlyCost', () => {
  it('keeps the control plane and the monitoring volume, not the nodes', () => {
    expect(
      pausedMonthlyCost({ addOns: ['monitoring'] }, DEFAULT_PRICING),
    ).toEqual({ controlPlane: 73, storage: 4, total: 77, currency: 'USD' });
  });

  it('is the control plane alone without persistent volumes', () => {
    expect(pausedMonthlyCost({ addOns: [] }, DEFAULT_PRICING).total).toBe(73);
    expect(pausedMonthlyCost({}, DEFAULT_PRICING).storage).toBe(0);
  });

  it('uses the same control plane price as the estimate', () => {
    const choices = {
      instanceType: 'm6i.large',
      desiredNodes: 3,
      addOns: ['monitoring'],
    };
    const running = estimateMonthlyCost(choices, DEFAULT_PRICING)!;
    const paused = pausedMonthlyCost(choices, DEFAULT_PRICING);
    expect(paused.controlPlane).toBe(running.controlPlane);
    expect(paused.total).toBeLessThan(running.total);
  });
});
