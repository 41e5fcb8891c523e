import type { StoredAllocationDay } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';

/** A run's allocations: each listed environment-day replaces what was stored for it. */
export interface AllocationBatch {
  computedAt: string;
  days: (StoredAllocationDay & { environment: string })[];
}

/** Reading stored allocations (written by the collection's transaction). */
export interface AllocationStore {
  /** Stored days of one environment in [from, to] (inclusive), oldest first. */
  days(q: { environment: string; from: string; to: string }): Promise<StoredAllocationDay[]>;
  /** USD per `service` tag value billed in the environment over [from, to]. */
  direct(q: { environment: string; from: string; to: string }): Promise<Record<string, number>>;
}

// Rows per INSERT: within SQLite's compound-select limit and MariaDB's packet.
const CHUNK = 400;

/**
 * Replaces the batch's environment-days inside the run's transaction (the
 * caller's `trx`), so a failed run leaves the previous allocation in place.
 */
export async function writeAllocations(
  trx: Knex.Transaction,
  batch: AllocationBatch | undefined,
): Promise<number> {
  if (!batch?.days.length) return 0;
  const days = batch.days;
  for (const d of days) {
    for (const table of ['cost_allocation_services', 'cost_allocation_days']) {
      await trx(table).where({ environment: d.environment, day: d.day }).delete();
    }
  }
  const dayRows = days.map(d => ({
    environment: d.environment,
    day: d.day,
    billed_cents: d.billedCents,
    shared_cents: d.sharedCents,
    idle_cents: d.idleCents,
    source: d.source,
    estimated: d.estimated,
    computed_at: batch.computedAt,
  }));
  const serviceRows = days.flatMap(d =>
    d.services.map(s => ({
      environment: d.environment,
      day: d.day,
      service: s.service,
      allocated_cents: s.allocatedCents,
      cpu_request_core_hours: s.cpuRequestCoreHours,
      cpu_usage_core_hours: s.cpuUsageCoreHours,
      memory_request_gib_hours: s.memoryRequestGibHours,
      memory_usage_gib_hours: s.memoryUsageGibHours,
      rightsizing_saving_cents: s.rightsizingSavingCents,
    })),
  );
  for (const [table, rows] of [
    ['cost_allocation_days', dayRows],
    ['cost_allocation_services', serviceRows],
  ] as const) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx(table).insert(rows.slice(i, i + CHUNK));
    }
  }
  return dayRows.length + serviceRows.length;
}

/** AllocationStore on the plugin's database (the tables of 20261203120000_cost_allocation). */
export class DatabaseAllocationStore implements AllocationStore {
  constructor(private readonly db: Knex) {}

  async days(q: { environment: string; from: string; to: string }) {
    const where = (b: Knex.QueryBuilder) =>
      b
        .where('environment', q.environment)
        .where('day', '>=', q.from)
        .where('day', '<=', q.to);
    const days = await where(this.db('cost_allocation_days').select()).orderBy('day');
    const services = await where(this.db('cost_allocation_services').select()).orderBy([
      'day',
      'service',
    ]);
    const byDay = new Map<string, StoredAllocationDay>();
    for (const d of days) {
      byDay.set(d.day, {
        day: d.day,
        billedCents: Number(d.billed_cents),
        sharedCents: Number(d.shared_cents),
        idleCents: Number(d.idle_cents),
        source: d.source,
        estimated: Boolean(d.estimated),
        services: [],
      });
    }
    for (const s of services) {
      byDay.get(s.day)?.services.push({
        service: s.service,
        allocatedCents: Number(s.allocated_cents),
        cpuRequestCoreHours: Number(s.cpu_request_core_hours),
        cpuUsageCoreHours: Number(s.cpu_usage_core_hours),
        memoryRequestGibHours: Number(s.memory_request_gib_hours),
        memoryUsageGibHours: Number(s.memory_usage_gib_hours),
        rightsizingSavingCents: Number(s.rightsizing_saving_cents),
      });
    }
    return [...byDay.values()];
  }

  async direct(q: { environment: string; from: string; to: string }) {
    // Cost Explorer by the service and environment tags (serviceByEnvironment).
    const rows: { service: string; amount: number | string }[] = await this.db(
      'cost_service_environment_daily',
    )
      .where('environment', q.environment)
      .where('day', '>=', q.from)
      .where('day', '<=', q.to)
      .whereNot('service', '')
      .groupBy('service')
      .select('service')
      .sum({ amount: 'amount' });
    return Object.fromEntries(rows.map(r => [r.service, Number(r.amount)]));
  }
}
