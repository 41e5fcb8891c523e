import type { AllocationReport } from '@internal/plugin-cost-uptime-common';

/** Where an environment's bill went, in the report's currency. */
export interface Coverage {
  /** Everything billed under the environment tag (`environmentTotal`). */
  total: number;
  /** Services' allocated cluster share plus their direct resources. */
  services: number;
  shared: number;
  idle: number;
  untagged: number;
}

const cents = (v: number) => Math.round(v * 100);

/**
 * The coverage line's figures: total = services + shared + idle + untagged,
 * because the API's billed = Σ allocated + shared + idle and untagged is the
 * rest of the environment's total after the cluster and direct cost.
 */
export function coverageOf(report: AllocationReport): Coverage {
  const services = report.services.reduce(
    (sum, s) => sum + cents(s.allocated) + cents(s.direct),
    0,
  );
  return {
    total: report.environmentTotal,
    services: services / 100,
    shared: report.shared,
    idle: report.idle,
    untagged: report.untagged,
  };
}
