#!/usr/bin/env node
/*
 * Keeps every @backstage/* package on one Backstage release.
 *
 * The release manifests that `backstage-cli versions:bump` reads live on a host
 * these machines cannot reach, so the release is pinned by its publication day
 * instead (backstage.json `releaseDate`): for each package, the newest
 * non-prerelease version published on or before that day.
 *
 *   node scripts/backstage-release.mjs pin    # network: rewrite versions + resolutions
 *   node scripts/backstage-release.mjs check  # offline: fail on a mixed installed tree
 *
 * Mixing releases fails at runtime in ways that are hard to trace (for example
 * `httpRouter.addWebSocketHandler is not a function` when signals-backend is
 * newer than backend-defaults), so `check` is part of the test command.
 */
import fs from 'node:fs';
import path from 'node:path';

// PORTAL_ROOT lets the test point the check at a made-up tree.
const root =
  process.env.PORTAL_ROOT ??
  path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, data) =>
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

const DEP_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'];
const isBackstage = name => name.startsWith('@backstage/');

function workspacePackageFiles() {
  const files = [path.join(root, 'package.json')];
  for (const dir of ['packages', 'plugins']) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base)) {
      const file = path.join(base, entry, 'package.json');
      if (fs.existsSync(file)) files.push(file);
    }
  }
  return files;
}

/** Every installed copy of every @backstage package, hoisted or nested. */
function installedBackstagePackages() {
  const found = [];
  const visit = nodeModules => {
    if (!fs.existsSync(nodeModules)) return;
    for (const entry of fs.readdirSync(nodeModules)) {
      if (entry.startsWith('.')) continue;
      const full = path.join(nodeModules, entry);
      if (entry.startsWith('@')) {
        for (const sub of fs.readdirSync(full)) {
          inspect(path.join(full, sub), `${entry}/${sub}`);
        }
      } else {
        inspect(full, entry);
      }
    }
  };
  const inspect = (dir, name) => {
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile)) return;
    if (isBackstage(name)) {
      found.push({ name, version: readJson(pkgFile).version, dir });
    }
    visit(path.join(dir, 'node_modules'));
  };
  visit(path.join(root, 'node_modules'));
  for (const file of workspacePackageFiles()) {
    if (file !== path.join(root, 'package.json')) {
      visit(path.join(path.dirname(file), 'node_modules'));
    }
  }
  return found;
}

async function releaseVersion(name, releaseDate) {
  const url = `https://registry.npmjs.org/${name.replace('/', '%2f')}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${name}: registry answered ${res.status}`);
  const doc = await res.json();
  const cutoff = `${releaseDate}T23:59:59.999Z`;
  const candidates = Object.entries(doc.time ?? {})
    .filter(
      ([v, t]) => /^\d+\.\d+\.\d+$/.test(v) && t <= cutoff && doc.versions?.[v],
    )
    .sort((a, b) => (a[1] < b[1] ? 1 : -1));
  if (!candidates.length) {
    throw new Error(`${name}: no version published by ${releaseDate}`);
  }
  // Newest by semver among those published by the cutoff.
  const bySemver = candidates
    .map(([v]) => v)
    .sort((a, b) => {
      const pa = a.split('.').map(Number);
      const pb = b.split('.').map(Number);
      for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i] - pa[i];
      return 0;
    });
  return bySemver[0];
}

async function pin() {
  const { releaseDate } = readJson(path.join(root, 'backstage.json'));
  const rootPkg = readJson(path.join(root, 'package.json'));
  const names = new Set(
    Object.keys(rootPkg.resolutions ?? {}).filter(isBackstage),
  );
  for (const file of workspacePackageFiles()) {
    const pkg = readJson(file);
    for (const field of DEP_FIELDS) {
      for (const name of Object.keys(pkg[field] ?? {})) {
        if (isBackstage(name)) names.add(name);
      }
    }
  }
  for (const { name } of installedBackstagePackages()) names.add(name);

  const versions = {};
  const queue = [...names].sort();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (queue.length) {
        const name = queue.shift();
        versions[name] = await releaseVersion(name, releaseDate);
      }
    }),
  );

  for (const file of workspacePackageFiles()) {
    const pkg = readJson(file);
    for (const field of DEP_FIELDS) {
      for (const name of Object.keys(pkg[field] ?? {})) {
        if (isBackstage(name) && field !== 'peerDependencies') {
          pkg[field][name] = versions[name];
        }
      }
    }
    if (file === path.join(root, 'package.json')) {
      const others = Object.fromEntries(
        Object.entries(pkg.resolutions ?? {}).filter(([n]) => !isBackstage(n)),
      );
      pkg.resolutions = { ...others };
      for (const name of Object.keys(versions).sort()) {
        pkg.resolutions[name] = versions[name];
      }
    }
    writeJson(file, pkg);
  }
  console.log(
    `Pinned ${
      Object.keys(versions).length
    } @backstage packages to the ${releaseDate} release.`,
  );
  console.log(
    'Run `yarn install`, then this script again until nothing new appears.',
  );
}

function check() {
  const rootPkg = readJson(path.join(root, 'package.json'));
  const pinned = rootPkg.resolutions ?? {};
  const problems = [];
  const installed = installedBackstagePackages();
  if (!installed.length)
    problems.push('no @backstage packages installed: run yarn install first');
  const seen = new Map();
  for (const { name, version, dir } of installed) {
    const rel = path.relative(root, dir);
    if (!pinned[name]) {
      problems.push(
        `${name}@${version} (${rel}) is not pinned in package.json resolutions; run \`node scripts/backstage-release.mjs pin\``,
      );
    } else if (pinned[name] !== version) {
      problems.push(
        `${name}@${version} (${rel}) is not the pinned release version ${pinned[name]}`,
      );
    }
    const versions = seen.get(name) ?? new Set();
    versions.add(version);
    seen.set(name, versions);
  }
  for (const [name, versions] of seen) {
    if (versions.size > 1)
      problems.push(
        `${name} installed in several versions: ${[...versions].join(', ')}`,
      );
  }
  for (const file of workspacePackageFiles()) {
    const pkg = readJson(file);
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) {
        if (isBackstage(name) && range !== pinned[name]) {
          problems.push(
            `${path.relative(
              root,
              file,
            )} ${field}.${name} is "${range}", the release pins "${
              pinned[name]
            }"`,
          );
        }
      }
    }
  }
  if (problems.length) {
    console.error(`Mixed Backstage releases:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const { releaseDate } = readJson(path.join(root, 'backstage.json'));
  console.log(
    `backstage release check: ${installed.length} installed @backstage packages, all on the ${releaseDate} release`,
  );
}

const mode = process.argv[2];
if (mode === 'pin') await pin();
else if (mode === 'check') check();
else {
  console.error('usage: backstage-release.mjs pin|check');
  process.exit(2);
}
