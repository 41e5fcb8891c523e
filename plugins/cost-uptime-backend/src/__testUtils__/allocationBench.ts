/*
 * The cluster cost allocation part of the cost and uptime benchmark: one
 * environment of ALLOC_NODES nodes and ALLOC_PODS pods over ALLOC_DAYS days,
 * hour by hour, allocated by the collection's own code (allocateEnvironment)
 * and stored by its write path (the run's transaction), against a baseline
 * measured in the same run: the same rows written with one multi-row INSERT
 * per table into copies of the tables.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { ClusterHour, PodHour } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';
import { readCostUptimeOptions } from '../config';
import {
  allocateEnvironment,
  type DayBill,
} from '../collector/allocateEnvironment';
import { DatabaseCostStore } from '../database/DatabaseCostStore';

const GIB = 1024 ** 3;
const INSTANCE_TYPES = ['m6i.large', 'm6i.xlarge', 'm6i.2xlarge', 'r6i.large'];
const CORES = [2, 4, 8, 2];
const MEMORY_GIB = [8, 16, 32, 16];

export interface AllocationBenchSize {
  nodes: number;
  pods: number;
  days: number;
  /** Application services the pods belong to (system pods aside). */
  services: number;
}

/** A deterministic cluster: every 5th node spot, every 20th pod in kube-system. */
function benchClusterHours(
  size: AllocationBenchSize,
  firstDay: string,
): ClusterHour[] {
  const start = Date.parse(`${firstDay}T00:00:00Z`);
  const nodes = Array.from({ length: size.nodes }, (_, n) => ({
    node: `ip-10-0-${Math.floor(n / 250)}-${n % 250}`,
    instanceType: INSTANCE_TYPES[n % 4],
    capacityType: n % 5 === 4 ? ('spot' as const) : ('on-demand' as const),
    cpuCores: CORES[n % 4],
    memoryBytes: MEMORY_GIB[n % 4] * GIB,
  }));
  const hours: ClusterHour[] = [];
  for (let h = 0; h < size.days * 24; h++) {
    const pods: PodHour[] = [];
    for (let p = 0; p < size.pods; p++) {
      const system = p % 20 === 0;
      // Pods move to another node every 6 hours, as a rollout would.
      const node = nodes[(p + Math.floor(h / 6)) % size.nodes];
      const wave = ((p * 7 + h) % 24) / 24;
      pods.push({
        namespace: system ? 'kube-system' : 'apps',
        pod: `pod-${p}`,
        node: node.node,
        service: system ? undefined : `svc-${p % size.services}`,
        cpuRequestCores: 0.25,
        cpuUsageCores: 0.05 + 0.3 * wave,
        memoryRequestBytes: 0.5 * GIB,
        memoryUsageBytes: (0.2 + 0.5 * wave) * GIB,
        claims: p % 6 === 0 ? [`data-${p}`] : [],
      });
    }
    hours.push({
      hour: new Date(start + h * 3_600_000).toISOString().slice(0, 13),
      nodes,
      pods,
      claims: pods
        .filter(p => p.claims.length)
        .map(p => ({ namespace: 'apps', claim: p.claims[0], bytes: 20e9 })),
      ingresses: Array.from({ length: size.services / 4 }, (_, i) => ({
        namespace: 'apps',
        ingress: `ing-${i}`,
        service: `svc-${i}`,
      })),
    });
  }
  return hours;
}

export interface AllocationBenchResult {
  hoursIn: number;
  podHoursIn: number;
  allocateMs: number;
  writeMs: number;
  rowsStored: number;
  baselineMs: number;
}

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** Allocates and stores the cluster in `knex`'s (migrated, empty) database. */
export async function runAllocationBench(
  knex: Knex,
  size: AllocationBenchSize,
): Promise<AllocationBenchResult> {
  const store = await DatabaseCostStore.create({
    database: mockServices.database({ knex }),
  });
  const options = readCostUptimeOptions(new ConfigReader({}));
  const firstDay = '2026-10-01';
  const hours = benchClusterHours(size, firstDay);
  const bills = new Map<string, DayBill>();
  for (let d = 0; d < size.days; d++) {
    const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    bills.set(day, {
      bill: {
        compute: size.nodes * 24 * 0.19 + (d % 7),
        storage: size.nodes * 0.9,
        controlPlane: 2.4,
        loadBalancers: (size.services / 4) * 0.6,
      },
      estimated: false,
    });
  }

  let t = process.hrtime.bigint();
  const days = allocateEnvironment({
    hours,
    bills,
    settings: options.allocation!,
    estimate: options.estimate,
    isUnbilled: () => false,
  }).map(d => ({ ...d, environment: 'bench' }));
  const allocateMs = ms(t);

  t = process.hrtime.bigint();
  const rowsStored = await store.write({
    costs: [],
    usage: [],
    sli: [],
    estimates: [],
    allocations: { computedAt: '2026-11-01T00:00:00.000Z', days },
  });
  const writeMs = ms(t);

  // Baseline: the same rows, one INSERT per table, into empty copies.
  const dayRows = await knex('cost_allocation_days').select();
  const serviceRows = await knex('cost_allocation_services').select();
  for (const table of ['cost_allocation_days', 'cost_allocation_services']) {
    await knex.schema.dropTableIfExists(`${table}_baseline`);
    await knex.raw(`CREATE TABLE ?? LIKE ??`, [`${table}_baseline`, table]);
  }
  t = process.hrtime.bigint();
  await knex.transaction(async trx => {
    await trx('cost_allocation_days_baseline').insert(dayRows);
    await trx('cost_allocation_services_baseline').insert(serviceRows);
  });
  const baselineMs = ms(t);

  return {
    hoursIn: hours.length,
    podHoursIn: hours.reduce((a, h) => a + h.pods.length, 0),
    allocateMs,
    writeMs,
    rowsStored,
    baselineMs,
  };
}

/** The section's lines, in the format of the other figures. */
export function allocationBenchLines(
  size: AllocationBenchSize,
  r: AllocationBenchResult,
): string[] {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return [
    `allocation (${size.nodes} nodes x ${size.pods} pods x ${size.days} days, ${size.services} services, MariaDB)`,
    `  input: ${n(r.hoursIn)} cluster-hours, ${n(r.podHoursIn)} pod-hours`,
    `  allocate (allocateEnvironment, pure): ${(r.allocateMs / 1000).toFixed(
      2,
    )} s (${n(r.podHoursIn / (r.allocateMs / 1000))} pod-hours/s)`,
    `  store (the run's write path, one transaction): ${n(
      r.rowsStored,
    )} rows in ${r.writeMs.toFixed(0)} ms`,
    `  baseline: the same rows with one multi-row INSERT per table: ${r.baselineMs.toFixed(
      0,
    )} ms`,
    `  ratio store / baseline: ${(r.writeMs / r.baselineMs).toFixed(2)}`,
    `  ratio (allocate + store) / baseline: ${(
      (r.allocateMs + r.writeMs) /
      r.baselineMs
    ).toFixed(1)}`,
  ];
}
