// node --test: what `./portal test` runs for its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTests, STEPS } from './test-plan.mjs';

const existing = new Set([
  'plugins/alerts-backend',
  'plugins/alerts-backend/src/plugin.ts',
  'packages/app/e2e-tests/alerts.test.ts',
]);
const exists = p => existing.has(p);

test('no argument runs every step on everything, as CI does', () => {
  assert.deepEqual(
    planTests([], exists),
    STEPS.map(step => ({ step, paths: [] })),
  );
});

test('a step name runs only that step', () => {
  assert.deepEqual(planTests(['e2e'], exists), [{ step: 'e2e', paths: [] }]);
  assert.deepEqual(planTests(['unit', 'lint'], exists), [
    { step: 'lint', paths: [] },
    { step: 'unit', paths: [] },
  ]);
});

test('a path runs the unit tests under it; a browser test file runs in e2e', () => {
  assert.deepEqual(planTests(['plugins/alerts-backend/'], exists), [
    { step: 'unit', paths: ['plugins/alerts-backend'] },
  ]);
  assert.deepEqual(
    planTests(['./packages/app/e2e-tests/alerts.test.ts', 'tsc'], exists),
    [
      { step: 'tsc', paths: [] },
      { step: 'e2e', paths: ['packages/app/e2e-tests/alerts.test.ts'] },
    ],
  );
});

test('a whole step wins over paths for that step', () => {
  assert.deepEqual(planTests(['plugins/alerts-backend', 'unit'], exists), [
    { step: 'unit', paths: [] },
  ]);
});

test('refuses what is neither a step nor a path in the repository', () => {
  for (const arg of ['units', 'plugins/nope']) {
    assert.throws(() => planTests([arg], exists), /not a step/);
  }
  // Outside the repository or an option, even where such a file exists.
  for (const arg of ['../etc', '/etc', '--watch']) {
    assert.throws(() => planTests([arg], () => true), /not a step/);
  }
});
