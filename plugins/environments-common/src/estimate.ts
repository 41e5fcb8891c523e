import type { Config } from '@backstage/config';

/** Prices the estimate uses; from `platform.pricing` in config. */
export type Pricing = {
  currency: string;
  hoursPerMonth: number;
  controlPlanePerHour: number;
  storagePerGbMonth: number;
  nodeVolumeGb: number;
  monitoringVolumeGb: number;
  instancePerHour: Record<string, number>;
};

/** AWS on-demand list prices (USD, us-east-1), used where config is silent. */
export const DEFAULT_PRICING: Pricing = {
  currency: 'USD',
  hoursPerMonth: 730,
  controlPlanePerHour: 0.1,
  storagePerGbMonth: 0.08,
  nodeVolumeGb: 20,
  monitoringVolumeGb: 50,
  instancePerHour: {
    't3.medium': 0.0416,
    't3.large': 0.0832,
    'm6i.large': 0.096,
    'm6i.xlarge': 0.192,
    'c6i.xlarge': 0.17,
    'r6i.large': 0.126,
  },
};

/** Reads `platform.pricing`, each missing value falling back to the defaults. */
export function readPricing(config: Config): Pricing {
  const c = config.getOptionalConfig('platform.pricing');
  if (!c) return DEFAULT_PRICING;
  const d = DEFAULT_PRICING;
  const instancePerHour = { ...d.instancePerHour };
  for (const t of c.getOptionalConfigArray('instanceTypes') ?? []) {
    instancePerHour[t.getString('name')] = t.getNumber('perHour');
  }
  return {
    currency: c.getOptionalString('currency') ?? d.currency,
    hoursPerMonth: c.getOptionalNumber('hoursPerMonth') ?? d.hoursPerMonth,
    controlPlanePerHour:
      c.getOptionalNumber('controlPlanePerHour') ?? d.controlPlanePerHour,
    storagePerGbMonth:
      c.getOptionalNumber('storagePerGbMonth') ?? d.storagePerGbMonth,
    nodeVolumeGb: c.getOptionalNumber('nodeVolumeGb') ?? d.nodeVolumeGb,
    monitoringVolumeGb:
      c.getOptionalNumber('monitoringVolumeGb') ?? d.monitoringVolumeGb,
    instancePerHour,
  };
}

/** The create-environment form's choices the estimate depends on. */
export type EnvironmentChoices = {
  instanceType?: unknown;
  desiredNodes?: unknown;
  addOns?: unknown;
};

export type CostEstimate = {
  controlPlane: number;
  nodes: number;
  storage: number;
  total: number;
  currency: string;
  nodeCount: number;
  instanceType: string;
};

/**
 * Monthly cost: control plane + desired nodes x instance price + storage
 * (each node's root volume, and Prometheus' volume with monitoring).
 * Undefined when the instance type has no price (nothing honest to show).
 */
export function estimateMonthlyCost(
  choices: EnvironmentChoices,
  pricing: Pricing,
): CostEstimate | undefined {
  const instanceType =
    typeof choices.instanceType === 'string' ? choices.instanceType : '';
  const perHour = pricing.instancePerHour[instanceType];
  const nodeCount = Number(choices.desiredNodes);
  if (perHour === undefined || !Number.isInteger(nodeCount) || nodeCount < 0) {
    return undefined;
  }
  const monitoring =
    Array.isArray(choices.addOns) && choices.addOns.includes('monitoring');
  const h = pricing.hoursPerMonth;
  const controlPlane = pricing.controlPlanePerHour * h;
  const nodes = nodeCount * perHour * h;
  const storageGb =
    nodeCount * pricing.nodeVolumeGb +
    (monitoring ? pricing.monitoringVolumeGb : 0);
  const storage = storageGb * pricing.storagePerGbMonth;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    controlPlane: round(controlPlane),
    nodes: round(nodes),
    storage: round(storage),
    total: round(controlPlane + nodes + storage),
    currency: pricing.currency,
    nodeCount,
    instanceType,
  };
}
