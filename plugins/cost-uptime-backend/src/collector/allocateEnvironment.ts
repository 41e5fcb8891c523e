import {
  allocateDay,
  toCents,
  type AllocationSettings,
  type ClusterBill,
  type ClusterHour,
  type StoredAllocationDay,
} from '@internal/plugin-cost-uptime-common';
import type { EstimateOptions } from '../config';
import type { CostRow } from '../database/CostStore';
import { estimateHour } from './estimate';

/** Cost Explorer's SERVICE of each part of a cluster's bill. */
export const CLUSTER_LINES: Record<keyof ClusterBill, string> = {
  compute: 'Amazon Elastic Compute Cloud - Compute',
  storage: 'EC2 - Other',
  controlPlane: 'Amazon Elastic Kubernetes Service',
  loadBalancers: 'Elastic Load Balancing',
};

export interface DayBill {
  bill: ClusterBill;
  /** AWS still marks the day Estimated. */
  estimated: boolean;
}

/** One environment's billed cluster cost per day, from rows by environment tag and SERVICE. */
export function clusterBills(rows: CostRow[], environment: string): Map<string, DayBill> {
  const out = new Map<string, DayBill>();
  const partOf = new Map(
    Object.entries(CLUSTER_LINES).map(([part, service]) => [service, part as keyof ClusterBill]),
  );
  for (const r of rows) {
    if (r.tagValue !== environment) continue;
    const entry = out.get(r.day) ?? {
      bill: { compute: 0, storage: 0, controlPlane: 0, loadBalancers: 0 },
      estimated: false,
    };
    const part = partOf.get(r.service);
    if (part) entry.bill[part] += r.amount;
    entry.estimated = entry.estimated || r.estimated;
    out.set(r.day, entry);
  }
  return out;
}

/** The hourly estimate of the day's observed hours, as a bill. */
export function estimatedBill(hours: ClusterHour[], e: EstimateOptions): ClusterBill {
  const bill: ClusterBill = { compute: 0, storage: 0, controlPlane: 0, loadBalancers: 0 };
  for (const h of hours) {
    const pvGb = h.claims.reduce((a, c) => a + c.bytes / 1e9, 0);
    const part = estimateHour(e, h.nodes.length, pvGb);
    for (const k of Object.keys(bill) as (keyof ClusterBill)[]) bill[k] += part[k];
  }
  return bill;
}

/**
 * One environment's allocation for each day it has cluster hours of: by its
 * bill when Cost Explorer billed the day, else by the hourly estimate
 * (source `estimate`, replaced once the bill arrives). Days without an
 * observed hour are left out: there is nothing to split them by.
 */
export function allocateEnvironment(input: {
  hours: ClusterHour[];
  bills: Map<string, DayBill>;
  settings: AllocationSettings;
  estimate: EstimateOptions;
  /** Days (YYYY-MM-DD) no bill is expected for yet: priced by the estimate. */
  isUnbilled: (day: string) => boolean;
}): StoredAllocationDay[] {
  const byDay = new Map<string, ClusterHour[]>();
  for (const h of input.hours) {
    const day = h.hour.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), h]);
  }
  const out: StoredAllocationDay[] = [];
  for (const [day, hours] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const billed = input.bills.get(day);
    if (!billed && !input.isUnbilled(day)) continue;
    const bill = billed?.bill ?? estimatedBill(hours, input.estimate);
    const result = allocateDay(hours, bill, input.settings);
    out.push({
      day,
      billedCents: toCents(result.billed),
      sharedCents: toCents(result.shared),
      idleCents: toCents(result.idle),
      source: billed ? 'metrics' : 'estimate',
      estimated: billed ? billed.estimated : true,
      services: result.services.map(s => ({
        service: s.service,
        allocatedCents: toCents(s.allocated),
        cpuRequestCoreHours: s.cpuRequestCoreHours,
        cpuUsageCoreHours: s.cpuUsageCoreHours,
        memoryRequestGibHours: s.memoryRequestGibHours,
        memoryUsageGibHours: s.memoryUsageGibHours,
        rightsizingSavingCents: toCents(s.rightsizingSaving),
      })),
    });
  }
  return out;
}
