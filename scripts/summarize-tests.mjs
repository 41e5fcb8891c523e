// Adds up the reports of every test runner in a run (node --test output,
// Jest JSON, Playwright JSON) into one closing line:
//   node summarize-tests.mjs DIR [REPORT ...]
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
// The reports this run made (`./portal test` with a step or a path runs
// fewer runners); all three when none are named.
const expected = process.argv.slice(3);
const ran = name => expected.length === 0 || expected.includes(name);
const read = name => {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const scripts = read('scripts.txt');
if (scripts) {
  // One summary per node --test run: the counts of every run add up.
  const count = label =>
    [...scripts.matchAll(new RegExp(`^ℹ ${label} (\\d+)`, 'gm'))].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
} else if (ran('scripts.txt')) missing.push('scripts.txt');

const unitText = read('unit.json');
if (unitText) {
  const unit = JSON.parse(unitText);
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numRuntimeErrorTestSuites ?? 0);
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
} else if (ran('unit.json')) missing.push('unit.json');

const e2eText = read('e2e.json');
if (e2eText) {
  const e2e = JSON.parse(e2eText);
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else if (ran('e2e.json')) missing.push('e2e.json');

for (const name of missing) {
  console.error(`no test report ${name}: that runner did not finish`);
  failed += 1;
}
if (passed === 0) {
  console.error('no test ran');
  failed += 1;
}
console.log(`checks: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
