import { distributeCents, toCents } from './cents';
import type {
  AllocationSettings,
  ClusterBill,
  ClusterHour,
  DayAllocation,
  NodeHour,
  PodHour,
} from './types';

const GIB = 1024 ** 3;
const SHARED = '__shared__';
const IDLE = '__idle__';

/** Exact (unrounded) USD per bucket with the resource figures of services. */
interface Tally {
  usd: Map<string, number>;
  cpuUsd: Map<string, number>;
  memoryUsd: Map<string, number>;
}

function add(map: Map<string, number>, key: string, value: number) {
  if (value) map.set(key, (map.get(key) ?? 0) + value);
}

/** The bucket a pod's cost goes to: its service, or shared. */
export function bucketOf(pod: PodHour, settings: AllocationSettings): string {
  if (settings.sharedNamespaces.includes(pod.namespace)) return SHARED;
  return pod.service || SHARED;
}

/** A node's relative price: its instance type, spot or on-demand. */
export function nodeWeight(node: NodeHour, settings: AllocationSettings) {
  const listed = settings.instancePrices[node.instanceType];
  const price =
    listed ??
    node.cpuCores * settings.cpuHourPrice +
      (node.memoryBytes / GIB) * settings.memoryGibHourPrice;
  return node.capacityType === 'spot' ? price * settings.spotFactor : price;
}

/**
 * Splits one node-hour's cost between the pods on it: each pod takes
 * max(request, usage) of the node's CPU and of its memory (scaled down when
 * pods together take more than the node has); what is left is idle.
 */
function allocateNodeHour(
  node: NodeHour,
  cost: number,
  pods: PodHour[],
  settings: AllocationSettings,
  tally: Tally,
) {
  const cpuWeight = node.cpuCores * settings.cpuHourPrice;
  const memWeight = (node.memoryBytes / GIB) * settings.memoryGibHourPrice;
  const cpuShare =
    cpuWeight + memWeight ? cpuWeight / (cpuWeight + memWeight) : 0.5;
  const parts: [
    number,
    number,
    keyof PodHour,
    keyof PodHour,
    Map<string, number>,
  ][] = [
    [
      cost * cpuShare,
      node.cpuCores,
      'cpuRequestCores',
      'cpuUsageCores',
      tally.cpuUsd,
    ],
    [
      cost * (1 - cpuShare),
      node.memoryBytes,
      'memoryRequestBytes',
      'memoryUsageBytes',
      tally.memoryUsd,
    ],
  ];
  for (const [partCost, capacity, request, usage, byResource] of parts) {
    const taken = pods.map(p =>
      Math.max(p[request] as number, p[usage] as number),
    );
    const sum = taken.reduce((a, b) => a + b, 0);
    const scale = sum > capacity ? capacity / sum : 1;
    let used = 0;
    pods.forEach((pod, i) => {
      const share = capacity ? (taken[i] * scale) / capacity : 0;
      const usd = partCost * share;
      used += usd;
      add(tally.usd, bucketOf(pod, settings), usd);
      add(byResource, bucketOf(pod, settings), usd);
    });
    add(tally.usd, IDLE, partCost - used);
  }
}

/** Node cost (compute + its root volume's share of EBS) per hour and node. */
function allocateCompute(
  hours: ClusterHour[],
  bill: ClusterBill,
  storagePerGbHour: number,
  settings: AllocationSettings,
  tally: Tally,
) {
  const totalWeight = hours.reduce(
    (s, h) => s + h.nodes.reduce((a, n) => a + nodeWeight(n, settings), 0),
    0,
  );
  if (!totalWeight) {
    // No node seen all day (metrics missing): nothing to split it by.
    add(tally.usd, IDLE, bill.compute);
    return;
  }
  for (const hour of hours) {
    for (const node of hour.nodes) {
      const cost =
        (bill.compute * nodeWeight(node, settings)) / totalWeight +
        storagePerGbHour * settings.rootVolumeGb;
      const pods = hour.pods.filter(p => p.node === node.node);
      allocateNodeHour(node, cost, pods, settings, tally);
    }
  }
}

/** Persistent volumes to the pods that mount them (unmounted ones are idle). */
function allocateClaims(
  hours: ClusterHour[],
  perGbHour: number,
  settings: AllocationSettings,
  tally: Tally,
) {
  for (const hour of hours) {
    for (const claim of hour.claims) {
      const usd = (perGbHour * claim.bytes) / 1e9;
      const users = hour.pods.filter(
        p => p.namespace === claim.namespace && p.claims.includes(claim.claim),
      );
      if (!users.length) add(tally.usd, IDLE, usd);
      for (const pod of users) {
        add(tally.usd, bucketOf(pod, settings), usd / users.length);
      }
    }
  }
}

/** EBS per GB-hour: node root volumes and persistent volumes share the bill. */
function storageRate(
  hours: ClusterHour[],
  bill: ClusterBill,
  settings: AllocationSettings,
) {
  const gbHours = hours.reduce(
    (s, h) =>
      s +
      h.nodes.length * settings.rootVolumeGb +
      h.claims.reduce((a, c) => a + c.bytes / 1e9, 0),
    0,
  );
  return gbHours ? bill.storage / gbHours : 0;
}

/** Each Ingress-hour (one ALB) takes an equal part of the ELB cost. */
function allocateLoadBalancers(
  hours: ClusterHour[],
  bill: ClusterBill,
  tally: Tally,
) {
  const count = hours.reduce((s, h) => s + h.ingresses.length, 0);
  if (!count) {
    add(tally.usd, SHARED, bill.loadBalancers);
    return;
  }
  for (const hour of hours) {
    for (const ingress of hour.ingresses) {
      add(tally.usd, ingress.service || SHARED, bill.loadBalancers / count);
    }
  }
}

/** Hourly figures of one service for efficiency and right-sizing. */
function serviceUsage(hours: ClusterHour[], settings: AllocationSettings) {
  const pods = new Map<string, { bucket: string; hours: PodHour[] }>();
  for (const hour of hours) {
    for (const pod of hour.pods) {
      const key = `${pod.namespace}/${pod.pod}`;
      const entry = pods.get(key) ?? {
        bucket: bucketOf(pod, settings),
        hours: [],
      };
      entry.hours.push(pod);
      pods.set(key, entry);
    }
  }
  const out = new Map<string, ResourceFigures>();
  for (const { bucket, hours: list } of pods.values()) {
    if (bucket === SHARED) continue;
    const f = out.get(bucket) ?? emptyFigures();
    accumulate(f, list);
    out.set(bucket, f);
  }
  return out;
}

interface ResourceFigures {
  cpuRequest: number;
  cpuUsage: number;
  cpuCharged: number;
  cpuRightsized: number;
  memRequest: number;
  memUsage: number;
  memCharged: number;
  memRightsized: number;
}

function emptyFigures(): ResourceFigures {
  return {
    cpuRequest: 0,
    cpuUsage: 0,
    cpuCharged: 0,
    cpuRightsized: 0,
    memRequest: 0,
    memUsage: 0,
    memCharged: 0,
    memRightsized: 0,
  };
}

/** p-th percentile (nearest rank) of the values. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One pod's hours: requested, used, charged and charged at p95 requests. */
function accumulate(f: ResourceFigures, hours: PodHour[]) {
  const cpuP95 = Math.min(
    percentile(
      hours.map(h => h.cpuUsageCores),
      95,
    ),
    Math.max(...hours.map(h => h.cpuRequestCores)),
  );
  const memP95 = Math.min(
    percentile(
      hours.map(h => h.memoryUsageBytes),
      95,
    ),
    Math.max(...hours.map(h => h.memoryRequestBytes)),
  );
  for (const h of hours) {
    f.cpuRequest += h.cpuRequestCores;
    f.cpuUsage += h.cpuUsageCores;
    f.cpuCharged += Math.max(h.cpuRequestCores, h.cpuUsageCores);
    f.cpuRightsized += Math.max(
      Math.min(cpuP95, h.cpuRequestCores),
      h.cpuUsageCores,
    );
    f.memRequest += h.memoryRequestBytes / GIB;
    f.memUsage += h.memoryUsageBytes / GIB;
    f.memCharged += Math.max(h.memoryRequestBytes, h.memoryUsageBytes) / GIB;
    f.memRightsized +=
      Math.max(Math.min(memP95, h.memoryRequestBytes), h.memoryUsageBytes) /
      GIB;
  }
}

function saving(usd: number, charged: number, rightsized: number) {
  return charged > 0 ? usd * Math.max(0, 1 - rightsized / charged) : 0;
}

/**
 * One environment's day: its billed (or estimated) cluster cost split
 * between services, shared and idle from the cluster's hourly state. The
 * parts add up to the bill to the cent. The control plane is shared.
 */
export function allocateDay(
  hours: ClusterHour[],
  bill: ClusterBill,
  settings: AllocationSettings,
): DayAllocation {
  const tally: Tally = {
    usd: new Map(),
    cpuUsd: new Map(),
    memoryUsd: new Map(),
  };
  const perGbHour = storageRate(hours, bill, settings);
  allocateCompute(hours, bill, perGbHour, settings, tally);
  allocateClaims(hours, perGbHour, settings, tally);
  if (!perGbHour) add(tally.usd, IDLE, bill.storage);
  allocateLoadBalancers(hours, bill, tally);
  add(tally.usd, SHARED, bill.controlPlane);

  const billedCents =
    toCents(bill.compute) +
    toCents(bill.storage) +
    toCents(bill.controlPlane) +
    toCents(bill.loadBalancers);
  const keys = [...new Set([SHARED, IDLE, ...tally.usd.keys()])].sort();
  const cents = distributeCents(
    keys.map(key => ({ key, amount: tally.usd.get(key) ?? 0 })),
    billedCents,
  );
  const usage = serviceUsage(hours, settings);
  const services = keys
    .filter(k => k !== SHARED && k !== IDLE)
    .map(service => {
      const f = usage.get(service) ?? emptyFigures();
      const cpuUsd = tally.cpuUsd.get(service) ?? 0;
      const memUsd = tally.memoryUsd.get(service) ?? 0;
      return {
        service,
        allocated: cents.get(service)! / 100,
        cpuRequestCoreHours: f.cpuRequest,
        cpuUsageCoreHours: f.cpuUsage,
        memoryRequestGibHours: f.memRequest,
        memoryUsageGibHours: f.memUsage,
        rightsizingSaving:
          toCents(
            saving(cpuUsd, f.cpuCharged, f.cpuRightsized) +
              saving(memUsd, f.memCharged, f.memRightsized),
          ) / 100,
      };
    });
  return {
    billed: billedCents / 100,
    shared: cents.get(SHARED)! / 100,
    idle: cents.get(IDLE)! / 100,
    services,
  };
}
