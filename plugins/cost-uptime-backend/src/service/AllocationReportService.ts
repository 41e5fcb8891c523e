import {
  summarizeAllocation,
  type AllocationReport,
} from '@internal/plugin-cost-uptime-common';
import type { CostUptimeOptions } from '../config';
import type { AllocationStore } from '../database/AllocationStore';
import type { CostStore } from '../database/CostStore';

/** The allocation API's answers from stored allocations (never Prometheus). */
export class AllocationReportService {
  constructor(
    private readonly allocations: AllocationStore,
    private readonly costs: Pick<CostStore, 'totalsByDay'>,
    private readonly options: Pick<
      CostUptimeOptions,
      'currency' | 'rate' | 'costExplorer'
    >,
  ) {}

  /** One environment over [from, to] (inclusive days). */
  async allocation(q: {
    environment: string;
    from: string;
    to: string;
  }): Promise<AllocationReport> {
    const days = await this.allocations.days(q);
    const direct = await this.allocations.direct(q);
    const totals = await this.costs.totalsByDay({
      tagKey: 'environment',
      tagValue: q.environment,
      from: q.from,
      to: q.to,
    });
    const billedTotal = new Map(totals.map(t => [t.period, t.amount]));
    // Over the allocated days only; a day known only by its estimate counts
    // as its estimated cluster cost.
    const environmentTotal = days.reduce(
      (a, d) => a + (billedTotal.get(d.day) ?? d.billedCents / 100),
      0,
    );
    return summarizeAllocation({
      ...q,
      currency: this.options.currency,
      rate: this.options.rate,
      days,
      direct,
      environmentTotal,
    });
  }
}
