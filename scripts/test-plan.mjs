// What `./portal test [step|path ...]` runs. No argument: every step, as CI
// runs it. A step name runs that step; a path runs the unit tests under it
// (or, under packages/app/e2e-tests, that browser test). Prints one line a
// step, `<step>[ <path>]`, in the order the steps always run; exits 2 with a
// message for an argument that is neither.
import fs from 'node:fs';
import path from 'node:path';

/** Every step, cheapest failure first. */
export const STEPS = [
  'release',
  'scripts',
  'tsc',
  'lint',
  'format',
  'exports',
  'api',
  'unit',
  'e2e',
];

const E2E_DIR = 'packages/app/e2e-tests';

/**
 * The plan for `args`: `[{ step, paths }]` in STEPS order, where `paths` is
 * empty for the whole step. `exists(p)` says whether a repository path exists.
 */
export function planTests(args, exists) {
  if (args.length === 0) return STEPS.map(step => ({ step, paths: [] }));
  const whole = new Set();
  const paths = { unit: [], e2e: [] };
  for (const arg of args) {
    if (STEPS.includes(arg)) {
      whole.add(arg);
      continue;
    }
    const relative = path.posix
      .normalize(arg.replace(/\\/g, '/'))
      .replace(/\/+$/, '');
    if (
      relative.startsWith('../') ||
      relative === '..' ||
      path.posix.isAbsolute(relative) ||
      relative.startsWith('-') ||
      !exists(relative)
    ) {
      throw new Error(
        `not a step (${STEPS.join(', ')}) nor a path in the repository: ${arg}`,
      );
    }
    const inE2e = relative === E2E_DIR || relative.startsWith(`${E2E_DIR}/`);
    paths[inE2e ? 'e2e' : 'unit'].push(relative);
  }
  return STEPS.filter(
    step => whole.has(step) || (paths[step] ?? []).length > 0,
  ).map(step => ({ step, paths: whole.has(step) ? [] : paths[step] ?? [] }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
  );
  try {
    const plan = planTests(process.argv.slice(2), p =>
      fs.existsSync(path.join(root, p)),
    );
    for (const { step, paths } of plan) {
      console.log([step, ...paths].join(' '));
    }
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}
