import type { AllocationSource } from './types';
import type { Currency } from '../types';

/** One stored environment-day of allocation (as the collection wrote it), cents. */
export interface StoredAllocationDay {
  day: string;
  billedCents: number;
  sharedCents: number;
  idleCents: number;
  source: AllocationSource;
  /** Priced by the hourly estimate, or by a bill AWS still marks Estimated. */
  estimated: boolean;
  services: {
    service: string;
    allocatedCents: number;
    cpuRequestCoreHours: number;
    cpuUsageCoreHours: number;
    memoryRequestGibHours: number;
    memoryUsageGibHours: number;
    rightsizingSavingCents: number;
  }[];
}

export interface ServiceAllocation {
  service: string;
  /** Its share of the cluster (max(request, usage) of CPU and memory, volumes, ALBs). */
  allocated: number;
  /** Its own resources, billed under its `service` tag in this environment. */
  direct: number;
  /** Usage ÷ request over the days, per resource; null without requests. */
  efficiency: { cpu: number | null; memory: number | null };
  /** What requests at the observed p95 usage would save in an average month. */
  rightsizingSavingPerMonth: number;
}

/** `GET /allocation`: one environment's cluster cost over days, split. */
export interface AllocationReport {
  currency: Currency;
  environment: string;
  from: string;
  to: string;
  /** The environment's billed cluster cost: sum(allocated) + shared + idle. */
  billed: number;
  shared: number;
  idle: number;
  /** The environment's other cost with neither a service tag nor the cluster. */
  untagged: number;
  /** Everything billed under the environment tag over the days. */
  environmentTotal: number;
  services: ServiceAllocation[];
  /** Where the figures come from; 'mixed' when days differ. */
  source: AllocationSource | 'mixed' | 'none';
  /** Days priced by an estimate: replaced when their bill arrives. */
  estimatedDays: string[];
  /** Days with an allocation in [from, to]. */
  days: number;
}

/** Days in an average month (365.25 / 12), for savings per month. */
export const DAYS_PER_MONTH = 30.4375;

/**
 * What right-sizing a service's requests to its p95 usage would save per
 * month, from the savings of the days observed (USD cents).
 */
export function monthlyRightsizingSaving(
  savingCents: number[],
): number {
  if (!savingCents.length) return 0;
  const perDay = savingCents.reduce((a, b) => a + b, 0) / savingCents.length;
  return Math.round(perDay * DAYS_PER_MONTH) / 100;
}

function ratio(usage: number, request: number): number | null {
  return request > 0 ? Math.round((usage / request) * 1000) / 1000 : null;
}

/**
 * The API's answer from stored days: sums in cents first (so the parts
 * still add up to the billed cost), then converted with `rate` (units of
 * the currency per USD). `direct` and `environmentTotal` are USD.
 */
export function summarizeAllocation(input: {
  environment: string;
  from: string;
  to: string;
  currency: Currency;
  rate: number;
  days: StoredAllocationDay[];
  direct: Record<string, number>;
  environmentTotal: number;
}): AllocationReport {
  const money = (cents: number) => Math.round(cents * input.rate) / 100;
  let billed = 0;
  let shared = 0;
  let idle = 0;
  const byService = new Map<
    string,
    { cents: number; cpu: [number, number]; mem: [number, number]; saving: number[] }
  >();
  for (const d of input.days) {
    billed += d.billedCents;
    shared += d.sharedCents;
    idle += d.idleCents;
    for (const s of d.services) {
      const e = byService.get(s.service) ?? { cents: 0, cpu: [0, 0], mem: [0, 0], saving: [] };
      e.cents += s.allocatedCents;
      e.cpu[0] += s.cpuUsageCoreHours;
      e.cpu[1] += s.cpuRequestCoreHours;
      e.mem[0] += s.memoryUsageGibHours;
      e.mem[1] += s.memoryRequestGibHours;
      e.saving.push(s.rightsizingSavingCents);
      byService.set(s.service, e);
    }
  }
  const directCents = new Map(
    Object.entries(input.direct).map(([k, usd]) => [k, Math.round(usd * 100)]),
  );
  const names = [...new Set([...byService.keys(), ...directCents.keys()])].sort();
  const services = names.map(service => {
    const e = byService.get(service);
    return {
      service,
      allocated: money(e?.cents ?? 0),
      direct: money(directCents.get(service) ?? 0),
      efficiency: {
        cpu: e ? ratio(e.cpu[0], e.cpu[1]) : null,
        memory: e ? ratio(e.mem[0], e.mem[1]) : null,
      },
      rightsizingSavingPerMonth:
        Math.round(monthlyRightsizingSaving(e?.saving ?? []) * input.rate * 100) / 100,
    };
  });
  const totalCents = Math.round(input.environmentTotal * 100);
  const directSum = [...directCents.values()].reduce((a, b) => a + b, 0);
  const sources = new Set(input.days.map(d => d.source));
  return {
    currency: input.currency,
    environment: input.environment,
    from: input.from,
    to: input.to,
    billed: money(billed),
    shared: money(shared),
    idle: money(idle),
    untagged: money(Math.max(0, totalCents - billed - directSum)),
    environmentTotal: money(totalCents),
    services,
    source:
      sources.size === 0 ? 'none' : sources.size === 1 ? [...sources][0] : 'mixed',
    estimatedDays: input.days.filter(d => d.estimated).map(d => d.day).sort(),
    days: input.days.length,
  };
}
