// node --test: the release check fails on the mixed trees it exists to catch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  'backstage-release.mjs',
);

const pins = {
  '@backstage/core-plugin-api': '1.13.0',
  '@backstage/backend-defaults': '0.19.0',
};

/** Both pinned packages installed at their pinned versions. */
const pinnedInstalls = [
  ['', '@backstage/core-plugin-api', '1.13.0'],
  ['', '@backstage/backend-defaults', '0.19.0'],
];

function makeTree({ resolutions = pins, appDeps, installed }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-check-'));
  const write = (file, data) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data));
  };
  write(path.join(root, 'backstage.json'), {
    version: '1.0.0',
    releaseDate: '2026-11-17',
  });
  write(path.join(root, 'package.json'), { name: 'root', resolutions });
  write(path.join(root, 'packages/app/package.json'), {
    name: 'app',
    dependencies: appDeps,
  });
  for (const [where, name, version] of installed) {
    write(path.join(root, where, 'node_modules', name, 'package.json'), {
      name,
      version,
    });
  }
  return root;
}

function check(root) {
  return spawnSync(process.execPath, [script, 'check'], {
    env: { ...process.env, PORTAL_ROOT: root },
    encoding: 'utf8',
  });
}

test('passes when every installed package is the pinned version', () => {
  const root = makeTree({
    appDeps: { '@backstage/core-plugin-api': '1.13.0' },
    installed: pinnedInstalls,
  });
  const result = check(root);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /2 installed @backstage packages, all on the 2026-11-17 release/,
  );
});

test('fails when a nested copy comes from another release', () => {
  const root = makeTree({
    appDeps: { '@backstage/core-plugin-api': '1.13.0' },
    installed: [
      ...pinnedInstalls,
      [
        'node_modules/@backstage/backend-defaults',
        '@backstage/core-plugin-api',
        '1.12.0',
      ],
    ],
  });
  const result = check(root);
  assert.equal(result.status, 1);
  assert.match(
    result.stderr,
    /@backstage\/core-plugin-api@1\.12\.0 .* is not the pinned release version 1\.13\.0/,
  );
  assert.match(
    result.stderr,
    /installed in several versions: (1\.13\.0, 1\.12\.0|1\.12\.0, 1\.13\.0)/,
  );
});

test('fails when an installed package is not pinned at all', () => {
  const root = makeTree({
    appDeps: {},
    installed: [['', '@backstage/plugin-signals-backend', '0.3.21']],
  });
  const result = check(root);
  assert.equal(result.status, 1);
  assert.match(
    result.stderr,
    /plugin-signals-backend@0\.3\.21 .* is not pinned/,
  );
});

test('fails when a workspace asks for a range instead of the pinned version', () => {
  const root = makeTree({
    appDeps: { '@backstage/core-plugin-api': '^1.12.0' },
    installed: [['', '@backstage/core-plugin-api', '1.13.0']],
  });
  const result = check(root);
  assert.equal(result.status, 1);
  assert.match(
    result.stderr,
    /dependencies\.@backstage\/core-plugin-api is "\^1\.12\.0", the release pins "1\.13\.0"/,
  );
});

test('fails on an empty tree', () => {
  const root = makeTree({ appDeps: {}, installed: [] });
  const result = check(root);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no @backstage packages installed/);
});
