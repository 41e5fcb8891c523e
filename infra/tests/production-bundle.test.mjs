// node --test: the production image's build steps, without Docker. Builds the
// backend bundle, installs production dependencies only into a fresh
// directory, starts it on app-config.production.yaml against this machine's
// PostgreSQL (and MariaDB for the cost plugin), and checks what production
// must and must not do.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './helm.mjs';

const secret = crypto.randomBytes(24).toString('base64url');
const prefix = `portal_bundle_${crypto.randomBytes(4).toString('hex')}_`;
let dir;
let backend;
let baseUrl;
let output = '';
let metricsPort;

function freePort() {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function psql(sql) {
  return spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', sql], {
    encoding: 'utf8',
  });
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bundle-'));
  const build = spawnSync(path.join(repoRoot, 'scripts/production-bundle.sh'), [dir], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, `bundle build failed:\n${build.stderr}`);

  const port = await freePort();
  metricsPort = await freePort();
  baseUrl = `http://localhost:${port}`;
  fs.writeFileSync(
    path.join(dir, 'app-config.test.yaml'),
    // Test-only: its own port and database names, so runs never collide.
    `backend:\n  listen: ':${port}'\n  database:\n    prefix: ${prefix}\n`,
  );
  backend = spawn(
    process.execPath,
    ['packages/backend', '--config', 'app-config.yaml', '--config', 'app-config.production.yaml', '--config', 'app-config.test.yaml'],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORTAL_BASE_URL: baseUrl,
        BACKEND_SECRET: secret,
        PORTAL_METRICS_PORT: String(metricsPort),
        AUTH_SESSION_SECRET: crypto.randomBytes(24).toString('base64url'),
        // Nothing listens there: sign-in is covered by the browser tests;
        // here the backend must start and stay healthy without Keycloak.
        KEYCLOAK_BASE_URL: 'http://127.0.0.1:9',
        KEYCLOAK_CLIENT_SECRET: crypto.randomBytes(12).toString('hex'),
        KEYCLOAK_CATALOG_SYNC_CLIENT_SECRET: crypto.randomBytes(12).toString('hex'),
        POSTGRES_HOST: '127.0.0.1',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD: 'unused-with-trust-auth',
        COST_UPTIME_DB_HOST: '127.0.0.1',
        COST_UPTIME_DB_PORT: '3306',
        COST_UPTIME_DB_USER: 'root',
        COST_UPTIME_DB_PASSWORD: '',
        COST_UPTIME_DB_NAME: `${prefix}cost_uptime`,
        // One Argo CD per environment; nothing contacts them at start-up.
        ARGOCD_DEV_A_URL: 'https://argocd.dev-a.example.invalid',
        ARGOCD_DEV_A_USERNAME: 'portal',
        ARGOCD_DEV_A_PASSWORD: 'unused',
        ARGOCD_PROD_URL: 'https://argocd.prod.example.invalid',
        ARGOCD_PROD_USERNAME: 'portal',
        ARGOCD_PROD_PASSWORD: 'unused',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  backend.stdout.on('data', d => (output += d));
  backend.stderr.on('data', d => (output += d));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (backend.exitCode !== null) {
      throw new Error(`backend exited ${backend.exitCode}:\n${output.slice(-4000)}`);
    }
    if (Date.now() > deadline) throw new Error(`not ready in 180 s:\n${output.slice(-4000)}`);
    try {
      if ((await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
});

after(() => {
  backend?.kill('SIGTERM');
  const dbs = psql(`select datname from pg_database where datname like '${prefix}%'`).stdout.trim();
  for (const db of dbs.split('\n').filter(Boolean)) psql(`drop database if exists "${db}" with (force)`);
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.build.log`, { force: true });
    fs.rmSync(`${dir}.install.log`, { force: true });
  }
});

test('the bundle becomes ready on PostgreSQL with production dependencies only', async () => {
  const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
  assert.equal(res.status, 200);
  const created = psql(`select count(*) from pg_database where datname like '${prefix}%'`).stdout.trim();
  assert.ok(Number(created) >= 3, `plugins created their PostgreSQL databases (${created})`);
  assert.ok(!fs.existsSync(path.join(dir, 'node_modules/@backstage/cli')), 'no dev dependencies installed');
});

test('Prometheus metrics are served on their own port', async () => {
  const res = await fetch(`http://localhost:${metricsPort}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^# TYPE \S+ \w+$/m);
  assert.match(text, /catalog/, 'Backstage core metrics (catalog processing) are exported');
  const publicPort = await fetch(`${baseUrl}/metrics`);
  assert.doesNotMatch(await publicPort.text(), /^# TYPE/m, 'not on the public port');
});

test('API routes need a token', async () => {
  const res = await fetch(`${baseUrl}/api/catalog/entities`);
  assert.equal(res.status, 401);
});

test('guest sign-in does not work in production', async () => {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.notEqual(res.status, 200);
  assert.doesNotMatch(await res.text(), /"token"/);
});

test('the app is served and carries no secret', async () => {
  const res = await fetch(`${baseUrl}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>EKS Developer Portal<\/title>/);
  assert.ok(!html.includes(secret));
  assert.ok(!output.includes(secret), 'the secret never reaches the logs');
});
