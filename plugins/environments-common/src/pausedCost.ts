import type { EnvironmentChoices, Pricing } from './estimate';

export type PausedCost = {
  controlPlane: number;
  storage: number;
  total: number;
  currency: string;
};

/**
 * What a paused environment still costs per month, from the same price
 * table as the create form's estimate: the EKS control plane keeps running
 * and persistent volumes stay (Prometheus' volume with monitoring). The
 * nodes' root volumes go with the nodes when the node groups are at zero.
 */
export function pausedMonthlyCost(
  choices: Pick<EnvironmentChoices, 'addOns'>,
  pricing: Pricing,
): PausedCost {
  const monitoring =
    Array.isArray(choices.addOns) && choices.addOns.includes('monitoring');
  const controlPlane = pricing.controlPlanePerHour * pricing.hoursPerMonth;
  const storage =
    (monitoring ? pricing.monitoringVolumeGb : 0) * pricing.storagePerGbMonth;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    controlPlane: round(controlPlane),
    storage: round(storage),
    total: round(controlPlane + storage),
    currency: pricing.currency,
  };
}
