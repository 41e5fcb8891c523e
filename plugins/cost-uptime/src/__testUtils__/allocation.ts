import type {
  AllocationReport,
  CostUptimeApi,
} from '@internal/plugin-cost-uptime-common';

/**
 * dev-a this month so far: 201.33 + 0 (shop-web, direct only) + 121.07
 * shared + 230.11 idle = 552.51 billed; 552.51 + 74.40 + 24.50 untagged =
 * 651.41 under the environment tag.
 */
export const devAAllocation: AllocationReport = {
  currency: 'USD',
  environment: 'dev-a',
  from: '2026-12-01',
  to: '2026-12-14',
  billed: 552.51,
  shared: 121.07,
  idle: 230.11,
  untagged: 24.5,
  environmentTotal: 651.41,
  services: [
    {
      service: 'shop-backend',
      allocated: 201.33,
      direct: 74.4,
      efficiency: { cpu: 0.58, memory: 0.71 },
      rightsizingSavingPerMonth: 18.2,
    },
  ],
  source: 'metrics',
  estimatedDays: ['2026-12-13', '2026-12-14'],
  days: 14,
};

/** An environment the collection has not allocated yet. */
export function emptyAllocation(environment: string): AllocationReport {
  return {
    ...devAAllocation,
    environment,
    billed: 0,
    shared: 0,
    idle: 0,
    untagged: 0,
    environmentTotal: 0,
    services: [],
    source: 'none',
    estimatedDays: [],
    days: 0,
  };
}

/** getAllocation when the collection has allocated dev-a and no other environment. */
export const onlyDevAAllocated: CostUptimeApi['getAllocation'] = async ({
  environment,
}) => (environment === 'dev-a' ? devAAllocation : emptyAllocation(environment));

/** getAllocation when every environment has dev-a's figures. */
export const allLikeDevA: CostUptimeApi['getAllocation'] = async ({
  environment,
}) => ({ ...devAAllocation, environment });
