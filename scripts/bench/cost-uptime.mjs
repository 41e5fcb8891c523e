#!/usr/bin/env node
/*
 * Cost & Uptime benchmark: MariaDB ingest (collector vs LOAD DATA), summary
 * and series API p95 vs bare SQL, Cost Explorer requests per daily run, and
 * the cluster cost allocation of 50 nodes x 600 pods x 30 days (time and
 * rows stored vs one multi-row INSERT of the same rows).
 *
 *   node scripts/bench/cost-uptime.mjs           # 500 entities x 20 services x 365 days (3.65 M rows)
 *   node scripts/bench/cost-uptime.mjs --quick   # 50 entities (365 k rows)
 *
 * Needs the MariaDB the tests use (127.0.0.1:3306); runs the benchmark file in
 * plugins/cost-uptime-backend/src/bench through Jest so it uses the plugin's
 * own TypeScript code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const quick = process.argv.includes('--quick');
const env = {
  ...process.env,
  COST_UPTIME_BENCH: '1',
  COST_UPTIME_BENCH_ENTITIES: quick ? '50' : '500',
  CI: '1',
};
if (!env.BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING) {
  env.BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING = execFileSync(
    'bash',
    [
      '-c',
      'source scripts/lib.sh; source scripts/services.sh; mariadb_test_connection_string',
    ],
    { cwd: root, env: { ...process.env, ROOT: root }, encoding: 'utf8' },
  ).trim();
}
const result = spawnSync(
  'yarn',
  [
    'backstage-cli',
    'package',
    'test',
    '--silent=false',
    '--verbose=false',
    // One after the other, so the sections print in order.
    '--runInBand',
    'src/bench/costUptime.bench.test.ts',
    'src/bench/allocation.bench.test.ts',
  ],
  {
    cwd: path.join(root, 'plugins/cost-uptime-backend'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
if (result.error) {
  console.error(
    `could not run the benchmark: ${result.error.message} (is yarn on the PATH?)`,
  );
  process.exit(1);
}
// Jest prints the figures on stdout; keep only those lines.
const lines = `${result.stdout}`
  .split('\n')
  .filter(
    l => !/^\s*(console\.|at |PASS|FAIL|Test|Snapshots|Time|Ran all)/.test(l),
  );
console.log(`cost-uptime benchmark (${quick ? 'quick' : 'full'})`);
console.log(lines.join('\n').trim());
if (result.status !== 0) {
  console.error(result.stderr);
  process.exit(result.status ?? 1);
}
