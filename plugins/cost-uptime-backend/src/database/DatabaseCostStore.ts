import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { addDays } from '@internal/plugin-cost-uptime-common';
import type { Knex } from 'knex';
import { writeAllocations } from './AllocationStore';
import type {
  CollectionBatch,
  CostQueries,
  CostStore,
  RunStore,
  UsageSliStore,
} from './CostStore';
import { DatabaseCostQueries } from './DatabaseCostQueries';
import { DatabaseRunStore } from './DatabaseRunStore';
import { DatabaseUsageStore } from './DatabaseUsageStore';
import { sumDuplicates } from './insertRows';
import { writeCostWindow } from './writeCosts';
import { writeSli, writeUsage } from './writeUsage';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-cost-uptime-backend',
  'migrations',
);

// Rows per INSERT: well below MariaDB's max_allowed_packet. SQLite's knex
// dialect sends a multi-row insert as a compound SELECT, limited to 500 terms.
const CHUNK_MYSQL = 1000;
const CHUNK_SQLITE = 400;

/**
 * CostStore on Backstage's database service (MariaDB in production, SQLite
 * locally): runs the migrations, writes a run's batch in one transaction
 * (writeCosts.ts, writeUsage.ts, AllocationStore.ts) and hands reads to the
 * stores of each concern (DatabaseRunStore, DatabaseCostQueries,
 * DatabaseUsageStore).
 */
export class DatabaseCostStore implements CostStore {
  static async create(options: { database: DatabaseService }) {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCostStore(client);
  }

  private readonly chunk: number;
  private readonly runs: RunStore;
  private readonly queries: CostQueries;
  private readonly series: UsageSliStore;

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.chunk = client.includes('sqlite') ? CHUNK_SQLITE : CHUNK_MYSQL;
    this.runs = new DatabaseRunStore(db, client.includes('mysql'));
    this.queries = new DatabaseCostQueries(db);
    this.series = new DatabaseUsageStore(db);
  }

  startRun: RunStore['startRun'] = (...a) => this.runs.startRun(...a);
  finishRun: RunStore['finishRun'] = (...a) => this.runs.finishRun(...a);
  listRuns: RunStore['listRuns'] = (...a) => this.runs.listRuns(...a);
  getRun: RunStore['getRun'] = (...a) => this.runs.getRun(...a);

  dailyByTag: CostQueries['dailyByTag'] = q => this.queries.dailyByTag(q);
  overallByDay: CostQueries['overallByDay'] = q => this.queries.overallByDay(q);
  dailyByAwsService: CostQueries['dailyByAwsService'] = q =>
    this.queries.dailyByAwsService(q);
  monthly: CostQueries['monthly'] = q => this.queries.monthly(q);
  totalsByDay: CostQueries['totalsByDay'] = q => this.queries.totalsByDay(q);
  sumsByKey: CostQueries['sumsByKey'] = q => this.queries.sumsByKey(q);
  sumsByKeyOverRanges: CostQueries['sumsByKeyOverRanges'] = q =>
    this.queries.sumsByKeyOverRanges(q);
  forecast: CostQueries['forecast'] = m => this.queries.forecast(m);
  serviceEnvironmentSums: CostQueries['serviceEnvironmentSums'] = q =>
    this.queries.serviceEnvironmentSums(q);
  estimates: CostQueries['estimates'] = h => this.queries.estimates(h);

  latestUsageHour: UsageSliStore['latestUsageHour'] = e =>
    this.series.latestUsageHour(e);
  latestSliHour: UsageSliStore['latestSliHour'] = e =>
    this.series.latestSliHour(e);
  usage: UsageSliStore['usage'] = q => this.series.usage(q);
  sliDaily: UsageSliStore['sliDaily'] = q => this.series.sliDaily(q);

  async latestCostDay(tagKey: string) {
    const row = await this.db('cost_daily_overall')
      .where({ tag_key: tagKey })
      .max({ day: 'day' })
      .first();
    return row?.day ?? undefined;
  }

  async write(batch: CollectionBatch): Promise<number> {
    return this.db.transaction(async trx => {
      let rows = 0;
      for (const window of batch.costs) {
        rows += await writeCostWindow(trx, window);
      }
      if (batch.forecast) {
        await trx('cost_forecasts')
          .insert({
            month: batch.forecast.month,
            from_day: batch.forecast.fromDay,
            amount: batch.forecast.amount,
            fetched_at: batch.forecast.fetchedAt,
          })
          .onConflict('month')
          .merge();
        rows += 1;
      }
      if (batch.serviceEnvironments) {
        const { from, to, rows: pairs } = batch.serviceEnvironments;
        await trx('cost_service_environment_daily')
          .where('day', '>=', from)
          .where('day', '<', to)
          .delete();
        const merged = sumDuplicates(
          pairs,
          r => `${r.day}\u0000${r.service}\u0000${r.environment}`,
        );
        const insert = merged.map(r => ({
          day: r.day,
          service: r.service,
          environment: r.environment,
          amount: r.amount,
          estimated: r.estimated,
        }));
        for (let i = 0; i < insert.length; i += this.chunk) {
          await trx('cost_service_environment_daily').insert(
            insert.slice(i, i + this.chunk),
          );
        }
        rows += insert.length;
      }
      rows += await writeUsage(trx, batch.usage, this.chunk);
      rows += await writeSli(trx, batch.sli, this.chunk);
      for (let i = 0; i < batch.estimates.length; i += this.chunk) {
        await trx('cost_estimate_hourly')
          .insert(
            batch.estimates.slice(i, i + this.chunk).map(e => ({
              environment: e.environment,
              hour: e.hour,
              nodes: e.nodes,
              pv_gb: e.pvGb,
              amount: e.amount,
            })),
          )
          .onConflict(['environment', 'hour'])
          .merge();
      }
      rows += batch.estimates.length;
      rows += await writeAllocations(trx, batch.allocations);
      if (batch.billedThrough) {
        // Billed figures have arrived for these days: the estimate steps
        // aside for every hour before the next day's first.
        await trx('cost_estimate_hourly')
          .where('hour', '<', `${addDays(batch.billedThrough, 1)}T00`)
          .delete();
      }
      return rows;
    });
  }
}
