// node --test: infra/bootstrap/bootstrap-ops-vm.sh installs everything on a
// fresh VM and changes nothing when run again. The VM is a scratch root
// (BOOTSTRAP_PREFIX) and the system commands that would reach the network or
// the init system (package managers, curl, systemctl) are shims that record
// what they are asked to do and keep state in the scratch root, so the test
// checks the script's decisions, not the vendors' servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helm.mjs';

const script = path.join(repoRoot, 'infra/bootstrap/bootstrap-ops-vm.sh');

const SHIMS = {
  // Package managers: installed packages are lines in $STATE/packages.
  'apt-get': `echo "apt-get $*" >>"$STATE/calls"
if [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install) ;; *) echo "$p" >>"$STATE/packages";; esac; done; fi`,
  dnf: `echo "dnf $*" >>"$STATE/calls"
if [ "$1" = install ]; then for p in "$@"; do case "$p" in -*|install) ;; *) echo "$p" >>"$STATE/packages";; esac; done; fi`,
  'dpkg-query': `grep -qx "\${@: -1}" "$STATE/packages" 2>/dev/null && echo "install ok installed" || exit 1`,
  rpm: `echo "rpm $*" >>"$STATE/calls"; if [ "$1" = -q ]; then grep -qx "$2" "$STATE/packages" 2>/dev/null; fi`,
  // Downloads: well-formed archives holding the binary each URL would give.
  curl: `echo "curl $*" >>"$STATE/calls"
out=""; url=""; while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift;; -*) ;; *) url="$1";; esac; shift; done
work=$(mktemp -d)
case "$url" in
  *terraform*.zip) printf '#!/bin/sh\\necho terraform\\n' >"$work/terraform"; chmod +x "$work/terraform"; (cd "$work" && python3 -m zipfile -c "$out" terraform) ;;
  *awscli*.zip) mkdir -p "$work/aws"; printf '#!/bin/sh\\nwhile [ $# -gt 0 ]; do [ "$1" = --bin-dir ] && b="$2"; shift; done; mkdir -p "$b"; printf "#!/bin/sh\\\\n" >"$b/aws"; chmod +x "$b/aws"\\n' >"$work/aws/install"; chmod +x "$work/aws/install"; (cd "$work" && python3 -m zipfile -c "$out" aws) ;;
  *helm*.tar.gz) mkdir -p "$work/linux-amd64"; printf '#!/bin/sh\\n' >"$work/linux-amd64/helm"; chmod +x "$work/linux-amd64/helm"; tar czf "$out" -C "$work" linux-amd64 ;;
  *keycloak*.tar.gz) mkdir -p "$work/keycloak/bin"; printf '#!/bin/sh\\n' >"$work/keycloak/bin/kc.sh"; tar czf "$out" -C "$work" keycloak ;;
  *) printf '#!/bin/sh\\n' >"$out" ;;
esac
rm -rf "$work"`,
  unzip: `echo "unzip $*" >>"$STATE/calls"; zip=""; dest="."; while [ $# -gt 0 ]; do case "$1" in -d) dest="$2"; shift;; -*) ;; *) zip="$1";; esac; shift; done
python3 - "$zip" "$dest" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        os.chmod(path, 0o755)
PY`,
  // The init system: enabled units are lines in $STATE/units.
  systemctl: `echo "systemctl $*" >>"$STATE/calls"
case "$1" in
  is-enabled) grep -qx "$2" "$STATE/units" 2>/dev/null ;;
  enable) echo "\${@: -1}" >>"$STATE/units" ;;
  *) ;;
esac`,
};

function makeVm(osId) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-vm-'));
  const state = path.join(root, 'state');
  const bin = path.join(root, 'shims');
  const prefix = path.join(root, 'vm');
  for (const d of [
    state,
    bin,
    path.join(prefix, 'etc'),
    path.join(prefix, 'usr/share/keyrings'),
    path.join(prefix, 'etc/yum.repos.d'),
  ]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(path.join(prefix, 'etc/os-release'), `ID=${osId}\n`);
  for (const [name, body] of Object.entries(SHIMS)) {
    fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, {
      mode: 0o755,
    });
  }
  return { root, state, prefix, bin };
}

function bootstrap(vm, env = {}) {
  fs.writeFileSync(path.join(vm.state, 'calls'), '');
  const result = spawnSync('bash', [script], {
    encoding: 'utf8',
    env: {
      PATH: `${vm.bin}:${process.env.PATH}`,
      HOME: vm.root,
      STATE: vm.state,
      BOOTSTRAP_PREFIX: vm.prefix,
      KEYCLOAK_ADMIN_PASSWORD: 'from-the-environment',
      ...env,
    },
  });
  const calls = fs
    .readFileSync(path.join(vm.state, 'calls'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean);
  return { ...result, calls };
}

for (const osId of ['debian', 'amzn']) {
  test(`${osId}: the first run installs everything, the second changes nothing`, () => {
    const vm = makeVm(osId);
    const first = bootstrap(vm);
    assert.equal(first.status, 0, first.stderr + first.stdout);
    for (const tool of ['terraform', 'helm', 'kubectl', 'aws']) {
      assert.ok(
        fs.existsSync(path.join(vm.prefix, 'usr/local/bin', tool)),
        `${tool} installed`,
      );
    }
    const packages = fs.readFileSync(path.join(vm.state, 'packages'), 'utf8');
    assert.match(packages, /^jenkins$/m);
    assert.match(packages, /^ansible-core$/m);
    const units = fs.readFileSync(path.join(vm.state, 'units'), 'utf8');
    assert.match(units, /^jenkins$/m);
    assert.match(units, /^keycloak$/m);
    assert.ok(fs.existsSync(path.join(vm.prefix, 'opt/keycloak/bin/kc.sh')));
    const env = fs.readFileSync(
      path.join(vm.prefix, 'etc/keycloak.env'),
      'utf8',
    );
    assert.match(env, /KC_BOOTSTRAP_ADMIN_PASSWORD=from-the-environment/);
    assert.equal(
      fs.statSync(path.join(vm.prefix, 'etc/keycloak.env')).mode & 0o077,
      0,
      'secret file private',
    );

    const second = bootstrap(vm);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /nothing to change/);
    const changing = second.calls.filter(
      c => !/^(systemctl is-enabled|rpm -q)/.test(c),
    );
    assert.deepEqual(
      changing,
      [],
      'no installs, downloads or restarts on the second run',
    );
  });
}

test('a new version of a CLI is installed on the next run, and only that', () => {
  const vm = makeVm('debian');
  assert.equal(bootstrap(vm).status, 0);
  const upgrade = bootstrap(vm, { HELM_VERSION: '3.17.0' });
  assert.equal(upgrade.status, 0, upgrade.stderr);
  const downloads = upgrade.calls.filter(c => c.startsWith('curl'));
  assert.equal(downloads.length, 1);
  assert.match(downloads[0], /helm-v3\.17\.0/);
});

test('a missing secret stops the run with a clear message', () => {
  const vm = makeVm('debian');
  const result = bootstrap(vm, { KEYCLOAK_ADMIN_PASSWORD: '' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /secret KEYCLOAK_ADMIN_PASSWORD missing/);
});

test('an unsupported OS is refused before anything is installed', () => {
  const vm = makeVm('arch');
  const result = bootstrap(vm);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /unsupported OS 'arch'/);
  assert.deepEqual(result.calls, []);
});

test('--dry-run changes nothing', () => {
  const vm = makeVm('debian');
  const result = bootstrap(vm, {});
  assert.equal(result.status, 0);
  const vm2 = makeVm('debian');
  const dry = spawnSync('bash', [script, '--dry-run'], {
    encoding: 'utf8',
    env: {
      PATH: `${vm2.bin}:${process.env.PATH}`,
      HOME: vm2.root,
      STATE: vm2.state,
      BOOTSTRAP_PREFIX: vm2.prefix,
      KEYCLOAK_ADMIN_PASSWORD: 'x',
    },
  });
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /would run: apt-get/);
  assert.ok(!fs.existsSync(path.join(vm2.prefix, 'usr/local/bin/terraform')));
});

test('the script is shellcheck clean', () => {
  const result = spawnSync('shellcheck', [script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout);
});
