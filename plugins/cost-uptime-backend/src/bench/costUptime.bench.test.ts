/*
 * Benchmark of the cost and uptime plugin on MariaDB, run by
 * scripts/bench/cost-uptime.mjs (skipped in normal test runs). Prints:
 * - ingest rate of the collector's write path (facts + rollups, in the
 *   transaction a run uses) vs MariaDB's own bulk load (LOAD DATA) of the
 *   same rows;
 * - summary and series API p95 latency over HTTP vs the bare SQL query on the
 *   same data (on the rollups, and on the raw facts);
 * - Cost Explorer requests of a backfill and of a daily run afterwards.
 *
 * COST_UPTIME_BENCH_ENTITIES (500) x COST_UPTIME_BENCH_SERVICES (20) x
 * COST_UPTIME_BENCH_DAYS (365) fact rows; the script's --quick uses 50 entities.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Knex } from 'knex';
import mysql from 'mysql2/promise';
import { DateTime } from 'luxon';
import { readCostUptimeOptions } from '../config';
import { Collector } from '../collector/Collector';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import type { CostRow } from '../database/CostStore';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import { memoryStore } from '../__testUtils__/stores';
import { testApiApp, testReport } from '../__testUtils__/reports';
import { createBenchDatabase } from '../__testUtils__/benchDatabase';

const enabled = process.env.COST_UPTIME_BENCH === '1';
const describeBench = enabled ? describe : describe.skip;
jest.setTimeout(3 * 60 * 60 * 1000);

const ENTITIES = Number(process.env.COST_UPTIME_BENCH_ENTITIES ?? 500);
const SERVICES = Number(process.env.COST_UPTIME_BENCH_SERVICES ?? 20);
const DAYS = Number(process.env.COST_UPTIME_BENCH_DAYS ?? 365);
const ITERATIONS = Number(process.env.COST_UPTIME_BENCH_ITERATIONS ?? 60);
const NOW = new Date(
  process.env.COST_UPTIME_BENCH_NOW ?? '2026-11-20T12:00:00Z',
);

function out(line: string) {
  process.stdout.write(`${line}\n`);
}

function p(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function time(fn: () => Promise<unknown>, n: number) {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) await fn(); // warm up
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: p(samples, 0.5), p95: p(samples, 0.95) };
}

function amountOf(e: number, s: number, day: number) {
  return Math.round((5 + ((e * 7 + s * 13 + day * 3) % 97)) * 100) / 100;
}

describeBench('cost-uptime benchmark', () => {
  let knex: Knex;
  let conn: { host: string; port: number; user: string; password: string };
  const dbName = 'cost_uptime_bench';

  beforeAll(async () => {
    ({ knex, conn } = await createBenchDatabase(dbName, { min: 0, max: 10 }));
  });

  afterAll(async () => {
    await knex?.raw(`DROP DATABASE IF EXISTS ${dbName}`);
    await knex?.destroy();
  });

  it('prints the figures', async () => {
    const store = await DatabaseCostStore.create({
      database: mockServices.database({ knex }),
    });
    const today = DateTime.fromJSDate(NOW, { zone: 'utc' }).startOf('day');
    const firstDay = today.minus({ days: DAYS });
    const services = Array.from(
      { length: SERVICES },
      (_, i) => `AWS Service ${String(i).padStart(2, '0')}`,
    );
    const entities = Array.from(
      { length: ENTITIES },
      (_, i) => `env-${String(i).padStart(3, '0')}`,
    );
    const total = ENTITIES * SERVICES * DAYS;
    out(
      `data: ${ENTITIES} entities x ${SERVICES} services x ${DAYS} days = ${total.toLocaleString(
        'en-US',
      )} fact rows (MariaDB ${(await knex.raw('select version() v'))[0][0].v})`,
    );

    // 1. Ingest: the collector's write path, one month-sized window per run
    // (what a backfill of one month writes), and the same rows as CSV for
    // MariaDB's LOAD DATA.
    const csvFile = path.join(
      os.tmpdir(),
      `cost-uptime-bench-${process.pid}.csv`,
    );
    const csv = fs.openSync(csvFile, 'w');
    let ingestMs = 0;
    let written = 0;
    for (let start = firstDay; start < today; ) {
      const end = DateTime.min(start.plus({ days: 30 }), today);
      const rows: CostRow[] = [];
      let lines = '';
      for (let d = start; d < end; d = d.plus({ days: 1 })) {
        const day = d.toISODate()!;
        const dn = Math.round(d.toSeconds() / 86400);
        for (let e = 0; e < ENTITIES; e++) {
          for (let s = 0; s < SERVICES; s++) {
            const amount = amountOf(e, s, dn);
            rows.push({
              tagKey: 'environment',
              day,
              tagValue: entities[e],
              awsService: services[s],
              amount,
              estimated: false,
            });
            lines += `environment\t${day}\t${entities[e]}\t${services[s]}\t${amount}\t0\n`;
          }
        }
        fs.writeSync(csv, lines);
        lines = '';
      }
      const t = process.hrtime.bigint();
      written += await store.write({
        costs: [
          {
            tagKey: 'environment',
            from: start.toISODate()!,
            to: end.toISODate()!,
            rows,
          },
        ],
        usage: [],
        sli: [],
        estimates: [],
      });
      ingestMs += Number(process.hrtime.bigint() - t) / 1e6;
      start = end;
    }
    fs.closeSync(csv);
    // Every generated fact row was stored (the rollups are not counted).
    expect(written).toBe(total);
    const collectorRate = written / (ingestMs / 1000);

    await knex.raw('CREATE TABLE cost_daily_bulk LIKE cost_daily');
    const raw = await mysql.createConnection({
      ...conn,
      database: dbName,
      infileStreamFactory: () => fs.createReadStream(csvFile),
    });
    const t0 = process.hrtime.bigint();
    await raw.query({
      sql: `LOAD DATA LOCAL INFILE ? INTO TABLE cost_daily_bulk (tag_key, day, tag_value, service, amount, estimated)`,
      values: [csvFile],
      infileStreamFactory: () => fs.createReadStream(csvFile),
    } as any);
    const bulkMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const bulkRate = total / (bulkMs / 1000);
    fs.rmSync(csvFile);
    out('');
    out('ingest');
    out(
      `  collector write path (facts + daily/monthly rollups, one transaction per 30-day window): ${Math.round(
        collectorRate,
      ).toLocaleString('en-US')} rows/s (${(ingestMs / 1000).toFixed(1)} s)`,
    );
    out(
      `  MariaDB LOAD DATA LOCAL INFILE of the same rows (facts only):                          ${Math.round(
        bulkRate,
      ).toLocaleString('en-US')} rows/s (${(bulkMs / 1000).toFixed(1)} s)`,
    );
    out(
      `  ratio collector / bulk load: ${(collectorRate / bulkRate).toFixed(2)}`,
    );

    // 2. API latency over HTTP vs bare SQL.
    const report = testReport(store, NOW);
    const app = await testApiApp(report, store, { path: '/api/cost-uptime' });
    const server = app.listen(0);
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/cost-uptime`;
    const get = async (p2: string) => {
      const r = await fetch(`${base}${p2}`);
      if (!r.ok) throw new Error(`${p2}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const size = async (api: () => Promise<unknown>) =>
      JSON.stringify(await api()).length;
    const monthStart = today.startOf('month').toISODate()!;
    const yesterday = today.minus({ days: 1 }).toISODate()!;
    const from30 = today.minus({ days: 30 }).toISODate()!;
    const to = today.toISODate()!;
    // The bare SQL of a 30-day series by environment, from the rollup and from the facts.
    const thirtyDaysByEnvironmentSql = {
      rollup: () =>
        knex('cost_daily_totals')
          .select('day', 'tag_value', 'amount')
          .where({ tag_key: 'environment' })
          .whereBetween('day', [from30, to]),
      facts: () =>
        knex('cost_daily')
          .select('day', 'tag_value')
          .sum({ a: 'amount' })
          .where({ tag_key: 'environment' })
          .whereBetween('day', [from30, to])
          .groupBy('day', 'tag_value'),
    };
    const cases: {
      name: string;
      api: () => Promise<unknown>;
      rollup: () => Promise<unknown>;
      facts: () => Promise<unknown>;
    }[] = [
      {
        name: 'summary (month to date, last month, breakdowns, movers, trend)',
        api: () => get('/summary'),
        rollup: () =>
          knex('cost_daily_totals')
            .where({ tag_key: 'environment' })
            .whereBetween('day', [monthStart, yesterday])
            .sum({ a: 'amount' }),
        facts: () =>
          knex('cost_daily')
            .where({ tag_key: 'environment' })
            .whereBetween('day', [monthStart, yesterday])
            .sum({ a: 'amount' }),
      },
      {
        name: 'series: 30 days by environment',
        api: () =>
          get(
            `/series?granularity=day&groupBy=environment&from=${from30}&to=${to}`,
          ),
        ...thirtyDaysByEnvironmentSql,
      },
      {
        // What the dashboard asks for since it draws 8 stacks and "Other".
        name: "series: 30 days by environment, top 8 (the page's request)",
        api: () =>
          get(
            `/series?granularity=day&groupBy=environment&from=${from30}&to=${to}&top=8`,
          ),
        ...thirtyDaysByEnvironmentSql,
      },
      {
        name: 'series: 12 months by service',
        api: () =>
          get(
            `/series?granularity=month&groupBy=awsService&from=${firstDay.toISODate()}&to=${to}`,
          ),
        rollup: () =>
          knex('cost_monthly')
            .select('month', 'service')
            .sum({ a: 'amount' })
            .where({ tag_key: 'environment' })
            .groupBy('month', 'service'),
        facts: () =>
          knex('cost_daily')
            .select(knex.raw('substr(day, 1, 7) as month'), 'service')
            .sum({ a: 'amount' })
            .where({ tag_key: 'environment' })
            .groupBy('month', 'service'),
      },
    ];
    out('');
    out(
      `API latency over HTTP (${ITERATIONS} requests each) vs the bare SQL query on the same data`,
    );
    for (const c of cases) {
      const api = await time(c.api, ITERATIONS);
      const rollup = await time(c.rollup, ITERATIONS);
      const facts = await time(
        c.facts,
        Math.max(5, Math.floor(ITERATIONS / 6)),
      );
      out(
        `  ${c.name} (answer ${(await size(c.api)).toLocaleString(
          'en-US',
        )} bytes of JSON)`,
      );
      out(
        `    API p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(
          1,
        )} ms (target < 100 ms: ${api.p95 < 100 ? 'met' : 'MISSED'})`,
      );
      out(
        `    bare SQL on the rollup p95 ${rollup.p95.toFixed(
          1,
        )} ms -> API / SQL ${(api.p95 / rollup.p95).toFixed(1)}x`,
      );
      out(
        `    bare SQL on raw facts  p95 ${facts.p95.toFixed(
          1,
        )} ms -> raw facts / API ${(facts.p95 / api.p95).toFixed(1)}x`,
      );
    }
    server.close();
    await raw.end();

    // 3. Cost Explorer requests: backfill, then daily runs.
    let clock = NOW;
    const ce = await startCostExplorer({ now: () => clock });
    const { knex: ceKnex, store: ceStore } = await memoryStore();
    const collector = (backfillDays: number) =>
      new Collector({
        options: readCostUptimeOptions(
          new ConfigReader({
            costUptime: {
              costExplorer: {
                endpoint: ce.url,
                credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
                backfillDays,
              },
            },
          }),
        ),
        store: ceStore,
        logger: mockServices.logger.mock(),
        sliTargets: async () => [],
        now: () => clock,
      });
    const backfill = await collector(396).run('schedule');
    const daily: number[] = [];
    for (let i = 1; i <= 5; i++) {
      clock = new Date(NOW.getTime() + i * 86_400_000);
      daily.push((await collector(396).run('schedule')).costExplorerRequests);
    }
    out('');
    out(
      'Cost Explorer requests (stand-in, default tag keys environment + service, 1000 groups a page)',
    );
    out(
      `  first run, 13-month backfill: ${
        backfill.costExplorerRequests
      } requests (USD ${(backfill.costExplorerRequests / 100).toFixed(2)})`,
    );
    out(
      `  daily runs after it: ${daily.join(', ')} requests each (USD ${(
        daily[0] / 100
      ).toFixed(2)} a day, ~USD ${((daily[0] * 30) / 100).toFixed(2)} a month)`,
    );
    await ce.stop();
    await ceKnex.destroy();
  });
});
