#!/usr/bin/env node
/*
 * The one entry point of the benchmarks, `./portal bench [suite ...]`:
 *
 *   foundation   cold install, frontend build, backend start-up and memory
 *                (scripts/bench/foundation.mjs; ratios to a CPU baseline)
 *   cost         Cost & Uptime on MariaDB: collector ingest vs LOAD DATA,
 *                API p95 vs bare SQL (scripts/bench/cost-uptime.mjs)
 *   scale        not built yet
 *   load         not built yet
 *
 * No suite: foundation, then cost. Other arguments go to each suite's script
 * (--quick, --skip-install, --with-test).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = {
  foundation: 'foundation.mjs',
  cost: 'cost-uptime.mjs',
  scale: undefined,
  load: undefined,
};
const args = process.argv.slice(2);
const suites = args.filter(a => !a.startsWith('--'));
const flags = args.filter(a => a.startsWith('--'));
const unknown = suites.filter(s => !Object.hasOwn(scripts, s));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark: ${unknown.join(', ')} (one of ${Object.keys(
      scripts,
    ).join(', ')})`,
  );
  process.exit(2);
}
let status = 0;
for (const suite of suites.length > 0 ? suites : ['foundation', 'cost']) {
  const script = scripts[suite];
  console.log(`== ${suite} ==`);
  if (!script) {
    console.log(`${suite}: not built yet`);
    continue;
  }
  const r = spawnSync(process.execPath, [path.join(here, script), ...flags], {
    stdio: 'inherit',
  });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
