import type { AllocationReport } from '@internal/plugin-cost-uptime-common';

/** One service's cost in one environment, as the allocation API splits it. */
export interface ServiceEnvironmentAllocation {
  environment: string;
  allocated: number;
  direct: number;
  /** allocated + direct, rounded to the cent. */
  total: number;
  efficiency: { cpu: number | null; memory: number | null };
  rightsizingSavingPerMonth: number;
  estimatedDays: string[];
  source: AllocationReport['source'];
}

/**
 * The rows of `service` in each environment's allocation report, in the
 * order of the reports; environments where it has no cost are left out.
 */
export function serviceAllocations(
  service: string,
  reports: AllocationReport[],
): ServiceEnvironmentAllocation[] {
  return reports.flatMap(r => {
    const s = r.services.find(x => x.service === service);
    if (!s || (s.allocated === 0 && s.direct === 0)) return [];
    return [
      {
        environment: r.environment,
        allocated: s.allocated,
        direct: s.direct,
        total: Math.round((s.allocated + s.direct) * 100) / 100,
        efficiency: s.efficiency,
        rightsizingSavingPerMonth: s.rightsizingSavingPerMonth,
        estimatedDays: r.estimatedDays,
        source: r.source,
      },
    ];
  });
}
