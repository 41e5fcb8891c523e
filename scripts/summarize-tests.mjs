// Adds up Jest's and Playwright's JSON reports into one closing line.
import fs from 'node:fs';

const [unitFile, e2eFile] = process.argv.slice(2);
const read = file =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;

let passed = 0;
let failed = 0;
let skipped = 0;
const unit = read(unitFile);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numRuntimeErrorTestSuites ?? 0);
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
} else {
  failed += 1;
  console.error(`no unit test report at ${unitFile}`);
}
const e2e = read(e2eFile);
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else {
  failed += 1;
  console.error(`no browser test report at ${e2eFile}`);
}
if (passed === 0) {
  failed += 1;
  console.error('no test ran');
}
console.log(`checks: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
