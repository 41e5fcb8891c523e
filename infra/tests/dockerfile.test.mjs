// node --test: the portal image's Dockerfile passes the Dockerfile linter
// (dockerfile-utils, the validator behind the Docker language server) and the
// rules we hold images to. The build steps themselves run without Docker in
// production-bundle.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { repoRoot } from './helm.mjs';

const dockerfile = fs.readFileSync(
  path.join(repoRoot, 'packages/backend/Dockerfile'),
  'utf8',
);
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map(l => l.trim())
  .filter(l => l && !l.startsWith('#'));

test('the linter finds no problem', () => {
  const problems = validate(dockerfile, {});
  assert.deepEqual(
    problems.map(p => `line ${p.range.start.line + 1}: ${p.message}`),
    [],
  );
});

test('the linter does catch a broken Dockerfile (guards the check itself)', () => {
  assert.ok(validate('FROM node:24\nEXPOSE web\nCMD ["node"\n', {}).length > 0);
});

test('multi-stage, pinned base image, non-root final stage with a health check', () => {
  const froms = instructions.filter(i => i.startsWith('FROM '));
  assert.ok(froms.length >= 2, 'multi-stage');
  for (const from of froms)
    assert.match(
      from,
      /^FROM node:24-[\w.-]+( AS \w+)?$/,
      'base image pinned to Node 24',
    );
  const finalStage = instructions.slice(instructions.lastIndexOf(froms.at(-1)));
  const users = finalStage.filter(i => i.startsWith('USER '));
  assert.ok(
    users.length > 0 && users.at(-1) !== 'USER root',
    'runs as non-root',
  );
  assert.ok(
    finalStage.some(
      i =>
        i.startsWith('HEALTHCHECK ') &&
        i.includes('/.backstage/health/v1/readiness'),
    ),
  );
  assert.ok(
    finalStage.some(i => i.includes('--production')),
    'production dependencies only',
  );
});

test('no secret is baked into the image', () => {
  for (const line of instructions.filter(i => /^(ENV|ARG) /.test(i))) {
    assert.doesNotMatch(line, /SECRET|PASSWORD|TOKEN|KEY=/i, line);
  }
  const ignore = fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8');
  for (const entry of ['.git', '.env', '*.local.yaml', '.data']) {
    assert.ok(ignore.split('\n').includes(entry), `.dockerignore has ${entry}`);
  }
});
