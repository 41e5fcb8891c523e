import {
  allocateDay,
  distributeCents,
  toCents,
  type AllocationSettings,
  type ClusterBill,
  type ClusterHour,
  type StoredAllocationDay,
} from '@internal/plugin-cost-uptime-common';
import type { EstimateOptions } from '../config';
import type { CostRow } from '../database/CostStore';
import type { SplitCostRow } from './CostExplorerSource';
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
export function clusterBills(
  rows: CostRow[],
  environment: string,
): Map<string, DayBill> {
  const out = new Map<string, DayBill>();
  const partOf = new Map(
    Object.entries(CLUSTER_LINES).map(([part, service]) => [
      service,
      part as keyof ClusterBill,
    ]),
  );
  for (const r of rows) {
    if (r.tagValue !== environment) continue;
    const entry = out.get(r.day) ?? {
      bill: { compute: 0, storage: 0, controlPlane: 0, loadBalancers: 0 },
      estimated: false,
    };
    const part = partOf.get(r.awsService);
    if (part) entry.bill[part] += r.amount;
    entry.estimated = entry.estimated || r.estimated;
    out.set(r.day, entry);
  }
  return out;
}

/** The hourly estimate of the day's observed hours, as a bill. */
function estimatedBill(hours: ClusterHour[], e: EstimateOptions): ClusterBill {
  const bill: ClusterBill = {
    compute: 0,
    storage: 0,
    controlPlane: 0,
    loadBalancers: 0,
  };
  for (const h of hours) {
    const pvGb = h.claims.reduce((a, c) => a + c.bytes / 1e9, 0);
    const part = estimateHour(e, h.nodes.length, pvGb);
    for (const k of Object.keys(bill) as (keyof ClusterBill)[])
      bill[k] += part[k];
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
  /** AWS split cost allocation rows, when the account has them. */
  split?: SplitCostRow[];
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
    const workloads = (input.split ?? []).filter(
      r => r.day === day && r.workload,
    );
    if (billed && workloads.length) {
      out.push(withSplitCost(day, hours, billed, workloads, input.settings));
      continue;
    }
    const result = allocateDay(hours, bill, input.settings);
    out.push({
      ...toStored(day, result),
      source: billed ? 'metrics' : 'estimate',
      estimated: billed ? billed.estimated : true,
    });
  }
  return out;
}

function toStored(
  day: string,
  result: ReturnType<typeof allocateDay>,
): Omit<StoredAllocationDay, 'source' | 'estimated'> {
  return {
    day,
    billedCents: toCents(result.billed),
    sharedCents: toCents(result.shared),
    idleCents: toCents(result.idle),
    services: result.services.map(s => ({
      service: s.service,
      allocatedCents: toCents(s.allocated),
      cpuRequestCoreHours: s.cpuRequestCoreHours,
      cpuUsageCoreHours: s.cpuUsageCoreHours,
      memoryRequestGibHours: s.memoryRequestGibHours,
      memoryUsageGibHours: s.memoryUsageGibHours,
      rightsizingSavingCents: toCents(s.rightsizingSaving),
    })),
  };
}

// Keys no service name can take (a NUL is not a label character).
const IDLE_KEY = '\u0000idle';
const SHARED_KEY = '\u0000shared';

/**
 * A day with AWS split cost allocation data: each workload's EC2 cost as
 * AWS billed it (the workload name is the service; system namespaces are
 * shared; EC2 no workload was billed is idle), EBS, EKS and ELB from the
 * cluster's metrics as usual. Requests and usage still come from metrics;
 * the right-sizing saving covers only the metrics part.
 */
function withSplitCost(
  day: string,
  hours: ClusterHour[],
  billed: DayBill,
  workloads: SplitCostRow[],
  settings: AllocationSettings,
): StoredAllocationDay {
  const rest = toStored(
    day,
    allocateDay(hours, { ...billed.bill, compute: 0 }, settings),
  );
  const computeCents = toCents(billed.bill.compute);
  const parts = new Map<string, number>();
  for (const w of workloads) {
    const key = settings.sharedNamespaces.includes(w.namespace)
      ? SHARED_KEY
      : w.workload;
    parts.set(key, (parts.get(key) ?? 0) + w.amount);
  }
  const assigned = [...parts.values()].reduce((a, b) => a + b, 0);
  parts.set(IDLE_KEY, Math.max(0, billed.bill.compute - assigned));
  const cents = distributeCents(
    [...parts].map(([key, amount]) => ({ key, amount })),
    computeCents,
  );
  const services = new Map(rest.services.map(s => [s.service, { ...s }]));
  for (const [key, c] of cents) {
    if (key === IDLE_KEY || key === SHARED_KEY) continue;
    const s = services.get(key) ?? {
      service: key,
      allocatedCents: 0,
      cpuRequestCoreHours: 0,
      cpuUsageCoreHours: 0,
      memoryRequestGibHours: 0,
      memoryUsageGibHours: 0,
      rightsizingSavingCents: 0,
    };
    s.allocatedCents += c;
    services.set(key, s);
  }
  return {
    day,
    billedCents: rest.billedCents + computeCents,
    sharedCents: rest.sharedCents + (cents.get(SHARED_KEY) ?? 0),
    idleCents: rest.idleCents + (cents.get(IDLE_KEY) ?? 0),
    services: [...services.values()].sort((a, b) =>
      a.service < b.service ? -1 : 1,
    ),
    source: 'aws-split-cost',
    estimated: billed.estimated || workloads.some(w => w.estimated),
  };
}
