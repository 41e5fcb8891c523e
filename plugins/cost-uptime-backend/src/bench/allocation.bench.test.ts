/*
 * Benchmark of the cluster cost allocation on MariaDB, run by
 * scripts/bench/cost-uptime.mjs beside the collector's other figures
 * (skipped in normal test runs, like costUptime.bench.test.ts).
 * COST_UPTIME_BENCH_ALLOC_NODES (50) x _PODS (600) x _DAYS (30).
 */
import { type Knex } from 'knex';
import {
  allocationBenchLines,
  runAllocationBench,
  type AllocationBenchSize,
} from '../__testUtils__/allocationBench';
import { createBenchDatabase } from '../__testUtils__/benchDatabase';

const enabled = process.env.COST_UPTIME_BENCH === '1';
const describeBench = enabled ? describe : describe.skip;
jest.setTimeout(60 * 60 * 1000);

const SIZE: AllocationBenchSize = {
  nodes: Number(process.env.COST_UPTIME_BENCH_ALLOC_NODES ?? 50),
  pods: Number(process.env.COST_UPTIME_BENCH_ALLOC_PODS ?? 600),
  days: Number(process.env.COST_UPTIME_BENCH_ALLOC_DAYS ?? 30),
  services: 40,
};

describeBench('cost-uptime allocation benchmark', () => {
  let knex: Knex;
  const dbName = 'cost_uptime_alloc_bench';

  beforeAll(async () => {
    ({ knex } = await createBenchDatabase(dbName));
  });

  afterAll(async () => {
    await knex?.raw(`DROP DATABASE IF EXISTS ${dbName}`);
    await knex?.destroy();
  });

  it('prints the figures', async () => {
    const result = await runAllocationBench(knex, SIZE);
    // Every allocated day and its services were stored.
    expect(result.rowsStored).toBeGreaterThan(SIZE.days);
    process.stdout.write(
      `\n${allocationBenchLines(SIZE, result).join('\n')}\n`,
    );
  });
});
