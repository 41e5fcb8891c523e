#!/usr/bin/env node
/*
 * Foundation benchmark: prints the figures the foundation issue asks for.
 *
 *   cold install     `yarn install` in a fresh clone (no node_modules; Yarn's
 *                    package cache as the machine has it)
 *   frontend build   `yarn workspace app build`
 *   backend ready    start to 200 from /.backstage/health/v1/readiness
 *   backend memory   resident set size of the backend process once ready
 *   warm test run    `./portal test` with everything installed (--with-test)
 *
 * Machines here are shared and noisy, so each time is also given as a ratio to
 * a CPU baseline measured in the same run (hashing 256 MiB with SHA-256).
 *
 *   node scripts/bench/foundation.mjs [--skip-install] [--with-test]
 */
import { spawn, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../free-port.mjs';

const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../..',
);
const args = new Set(process.argv.slice(2));
const figures = [];

function cpuBaselineSeconds() {
  const chunk = Buffer.alloc(1024 * 1024, 7);
  const start = process.hrtime.bigint();
  const hash = crypto.createHash('sha256');
  for (let i = 0; i < 256; i++) hash.update(chunk);
  hash.digest();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function run(cmd, cmdArgs, options = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('exit', code => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code === 0) resolve(seconds);
      else
        reject(
          new Error(
            `${cmd} ${cmdArgs.join(' ')} exited ${code}\n${output.slice(
              -2000,
            )}`,
          ),
        );
    });
  });
}

function descendants(pid) {
  const out = execFileSync('ps', [
    '-e',
    '-o',
    'pid=,ppid=,rss=,args=',
  ]).toString();
  const rows = out
    .trim()
    .split('\n')
    .map(line => {
      const [p, pp, rss, ...rest] = line.trim().split(/\s+/);
      return {
        pid: Number(p),
        ppid: Number(pp),
        rssKb: Number(rss),
        args: rest.join(' '),
      };
    });
  const result = [];
  const walk = parent => {
    for (const row of rows.filter(r => r.ppid === parent)) {
      result.push(row);
      walk(row.pid);
    }
  };
  walk(pid);
  return result;
}

async function backendStartup() {
  const port = await freePort();
  const env = {
    ...process.env,
    E2E_BACKEND_PORT: String(port),
    E2E_PORT_BASE: '1',
  };
  const start = process.hrtime.bigint();
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.e2e.yaml',
    ],
    { cwd: root, env, stdio: 'ignore', detached: true },
  );
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (Date.now() > deadline)
        throw new Error('backend not ready within 180 s');
      try {
        const res = await fetch(
          `http://localhost:${port}/.backstage/health/v1/readiness`,
        );
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise(r => setTimeout(r, 100));
    }
    const readySeconds = Number(process.hrtime.bigint() - start) / 1e9;
    // Let start-up work (catalog processing, first scheduled tasks) settle.
    await new Promise(r => setTimeout(r, 10_000));
    // The backend is the node process running the backend's own entry point,
    // not the yarn and backstage-cli processes that launched it.
    const procs = descendants(child.pid);
    const backend = procs
      .filter(p => p.args.includes('nodeTransform'))
      .sort((a, b) => b.rssKb - a.rssKb)[0];
    if (!backend) throw new Error('could not find the backend process');
    return { readySeconds, rssMb: backend.rssKb / 1024 };
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function print(f) {
  console.log(
    f.name.padEnd(40),
    f.value.padEnd(12),
    f.ratio.padEnd(12),
    f.note,
  );
}

// Printed as measured too, so a later failure does not lose earlier figures.
function add(figure) {
  figures.push(figure);
  print(figure);
}

function record(name, seconds, baseline, note = '') {
  add({
    name,
    value: `${seconds.toFixed(1)} s`,
    ratio: (seconds / baseline).toFixed(1),
    note,
  });
}

const baselineBefore = cpuBaselineSeconds();
console.log(
  `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(
    0,
  )} GiB, node ${process.version}`,
);
console.log(
  `CPU baseline (SHA-256 of 256 MiB): ${baselineBefore.toFixed(3)} s`,
);

if (!args.has('--skip-install')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
  try {
    execFileSync('git', ['clone', '-q', root, dir]);
    const seconds = await run('yarn', ['install', '--immutable'], { cwd: dir });
    const size = execFileSync('du', ['-sm', path.join(dir, 'node_modules')])
      .toString()
      .split('\t')[0];
    record(
      'cold install (fresh clone)',
      seconds,
      baselineBefore,
      `node_modules ${size} MB`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

record(
  'frontend production build',
  await run('yarn', ['workspace', 'app', 'build'], { cwd: root }),
  baselineBefore,
);

const { readySeconds, rssMb } = await backendStartup();
record('backend start to ready', readySeconds, baselineBefore, 'target < 20 s');
add({
  name: 'backend resident memory after start',
  value: `${rssMb.toFixed(0)} MB`,
  ratio: '',
  note: 'target < 600 MB',
});

if (args.has('--with-test')) {
  record(
    'warm ./portal test',
    await run(path.join(root, 'portal'), ['test'], { cwd: root }),
    baselineBefore,
    'target < 600 s',
  );
}

const baselineAfter = cpuBaselineSeconds();
console.log(
  `CPU baseline again at the end: ${baselineAfter.toFixed(3)} s (noise check)`,
);
console.log('');
console.log(
  'figure'.padEnd(40),
  'value'.padEnd(12),
  'x baseline'.padEnd(12),
  'note',
);
figures.forEach(print);
