// node --test: the production image's build steps, without Docker, and the
// portal running as several replicas. Builds the backend bundle, installs
// production dependencies only into a fresh directory, starts TWO replicas of
// it on app-config.production.yaml against one PostgreSQL (and one MariaDB for
// the cost plugin) behind a round-robin load balancer, with the Keycloak
// stand-in as identity provider, and checks what production must and must not
// do: health, metrics, auth, no secrets, and sign-in across both replicas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './helm.mjs';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { freePort } from '../../scripts/free-port.mjs';

// The load balancer's port is the portal's public URL, and must be one the
// realm export allows as a redirect URI (infra/keycloak/realm-platform.json).
const PUBLIC_PORT = Number(process.env.REPLICA_TEST_PORT ?? 7900);
const SANDBOX_BASE = PUBLIC_PORT + 60;
const publicUrl = `http://localhost:${PUBLIC_PORT}`;
const keycloakUrl = `http://localhost:${SANDBOX_BASE + 1}`;

const secret = crypto.randomBytes(24).toString('base64url');
const sessionSecret = crypto.randomBytes(24).toString('base64url');
const prefix = `portal_bundle_${crypto.randomBytes(4).toString('hex')}_`;
let dir;
let sandbox;
let balancer;
const replicas = []; // { name, process, port, metricsPort, output, hits }

function psql(sql) {
  return spawnSync(
    'psql',
    ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', sql],
    {
      encoding: 'utf8',
    },
  );
}

async function waitFor(url, what, isDead = () => false) {
  // Generous: on a loaded 2-core machine a replica's start-up can take minutes.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    if (Date.now() > deadline) {
      const log = replicas.length
        ? replicas
            .at(-1)
            .output.split('\n')
            .filter(l => !l.includes('incomingRequest'))
            .slice(-40)
            .join('\n')
        : '';
      throw new Error(`${what} not ready in 300 s\n${log}`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** Round-robin HTTP proxy, as the ALB spreads requests over the pods. */
function startBalancer() {
  let next = 0;
  const server = http.createServer((req, res) => {
    const replica = replicas[next++ % replicas.length];
    replica.hits += 1;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: replica.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      up => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // A port in use (another run of this test) must fail the test, not hang it.
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(PUBLIC_PORT, '127.0.0.1', () => resolve(server));
  });
}

async function startReplica(name) {
  const port = await freePort();
  const metricsPort = await freePort();
  const config = `app-config.${name}.yaml`;
  // Test-only: the replica's own port; the database names are shared.
  fs.writeFileSync(
    path.join(dir, config),
    `backend:\n  listen: ':${port}'\n  database:\n    prefix: ${prefix}\n`,
  );
  const replica = { name, port, metricsPort, output: '', hits: 0 };
  replica.process = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      config,
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORTAL_BASE_URL: publicUrl,
        BACKEND_SECRET: secret,
        PORTAL_METRICS_PORT: String(metricsPort),
        AUTH_SESSION_SECRET: sessionSecret,
        KEYCLOAK_BASE_URL: keycloakUrl,
        // The realm export's local example secrets (infra/keycloak/README.md).
        KEYCLOAK_CLIENT_SECRET: 'local-dev-only-backstage-client-secret',
        KEYCLOAK_CATALOG_SYNC_CLIENT_SECRET:
          'local-dev-only-catalog-sync-secret',
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
        // The environments' IaC repository; read on the catalog's schedule.
        PLATFORM_IAC_REPO_URL: 'https://git.example.invalid/platform/iac.git',
        PLATFORM_IAC_GIT_USERNAME: 'portal',
        PLATFORM_IAC_GIT_TOKEN: 'unused',
        AWS_ACCOUNT_ID: '123456789012',
        // Jenkins and the new-service template's remotes: read, not contacted, at start-up.
        JENKINS_BASE_URL: 'https://jenkins.example.invalid',
        JENKINS_USERNAME: 'portal',
        JENKINS_API_TOKEN: 'unused',
        NEW_SERVICE_GIT_APPS_BASE_URL: 'https://git.example.invalid/apps',
        NEW_SERVICE_GIT_MANIFESTS_URL:
          'https://git.example.invalid/platform/manifests.git',
        NEW_SERVICE_GIT_USERNAME: 'portal',
        NEW_SERVICE_GIT_TOKEN: 'unused',
        NEW_SERVICE_GIT_AUTHOR_EMAIL: 'portal@example.invalid',
        NEW_SERVICE_ECR_REGISTRY:
          '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com',
        NEW_SERVICE_ECR_REGION: 'ap-northeast-2',
        NEW_SERVICE_INGRESS_DOMAIN: 'apps.example.invalid',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  replica.process.stdout.on('data', d => (replica.output += d));
  replica.process.stderr.on('data', d => (replica.output += d));
  replicas.push(replica);
  return replica;
}

before(async () => {
  // Another run on the same ports would talk to the wrong stand-ins: refuse.
  for (const port of [PUBLIC_PORT, SANDBOX_BASE]) {
    const inUse = await fetch(`http://localhost:${port}/`).then(
      () => true,
      () => false,
    );
    assert.ok(
      !inUse,
      `port ${port} is in use: is another run of this test going on? (REPLICA_TEST_PORT moves it)`,
    );
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bundle-'));
  const build = spawnSync(
    path.join(repoRoot, 'scripts/production-bundle.sh'),
    [dir],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  assert.equal(build.status, 0, `bundle build failed:\n${build.stderr}`);

  // The Keycloak stand-in plays the company's Keycloak.
  sandbox = spawn(process.execPath, ['packages/sandbox/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, SANDBOX_PORT_BASE: String(SANDBOX_BASE) },
    stdio: 'ignore',
  });
  await waitFor(`http://localhost:${SANDBOX_BASE}/healthz`, 'stand-ins');

  // Two replicas, started one after the other as a rolling deployment does
  // (the first creates the databases and runs the migrations), then serving
  // side by side behind the balancer.
  for (const name of ['a', 'b']) {
    const r = await startReplica(name);
    await waitFor(
      `http://localhost:${r.port}/.backstage/health/v1/readiness`,
      `replica ${name}`,
      () =>
        r.process.exitCode !== null
          ? `replica ${name} exited ${r.process.exitCode}:\n${r.output.slice(
              -4000,
            )}`
          : false,
    );
  }
  balancer = await startBalancer();
});

after(() => {
  balancer?.close();
  for (const r of replicas) r.process.kill('SIGTERM');
  sandbox?.kill('SIGTERM');
  const dbs = psql(
    `select datname from pg_database where datname like '${prefix}%'`,
  ).stdout.trim();
  for (const db of dbs.split('\n').filter(Boolean))
    psql(`drop database if exists "${db}" with (force)`);
  spawnSync('mariadb', [
    '-h',
    '127.0.0.1',
    '-uroot',
    '-e',
    `drop database if exists \`${prefix}cost_uptime\``,
  ]);
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.build.log`, { force: true });
    fs.rmSync(`${dir}.install.log`, { force: true });
  }
});

test('two replicas become ready on one PostgreSQL with production dependencies only', async () => {
  for (const r of replicas) {
    assert.equal(
      (await fetch(`http://localhost:${r.port}/.backstage/health/v1/readiness`))
        .status,
      200,
    );
  }
  const created = psql(
    `select count(*) from pg_database where datname like '${prefix}%'`,
  ).stdout.trim();
  assert.ok(
    Number(created) >= 3,
    `plugins created their PostgreSQL databases (${created})`,
  );
  assert.ok(
    !fs.existsSync(path.join(dir, 'node_modules/@backstage/cli')),
    'no dev dependencies installed',
  );
});

test('Prometheus metrics are served on their own port', async () => {
  const res = await fetch(
    `http://localhost:${replicas[0].metricsPort}/metrics`,
  );
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^# TYPE \S+ \w+$/m);
  assert.match(
    text,
    /catalog/,
    'Backstage core metrics (catalog processing) are exported',
  );
  const publicPort = await fetch(`${publicUrl}/metrics`);
  assert.doesNotMatch(
    await publicPort.text(),
    /^# TYPE/m,
    'not on the public port',
  );
});

test('logs are structured (one JSON object a line)', () => {
  const lines = replicas[0].output.split('\n').filter(l => l.trim());
  assert.ok(lines.length > 10);
  const parsed = lines.filter(l => {
    try {
      const entry = JSON.parse(l);
      return (
        typeof entry.message === 'string' && typeof entry.level === 'string'
      );
    } catch {
      return false;
    }
  });
  assert.ok(
    parsed.length / lines.length > 0.95,
    `${parsed.length} of ${lines.length} lines are JSON`,
  );
});

test('API routes need a token', async () => {
  assert.equal((await fetch(`${publicUrl}/api/catalog/entities`)).status, 401);
});

test('guest sign-in does not work in production', async () => {
  const res = await fetch(`${publicUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.notEqual(res.status, 200);
  assert.doesNotMatch(await res.text(), /"token"/);
});

test('the app is served and carries no secret', async () => {
  const res = await fetch(`${publicUrl}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>EKS Developer Portal<\/title>/);
  for (const value of [
    secret,
    sessionSecret,
    'local-dev-only-backstage-client-secret',
  ]) {
    assert.ok(!html.includes(value));
    for (const r of replicas)
      assert.ok(!r.output.includes(value), 'no secret in the logs');
  }
});

test(
  'sign-in and sign-out through Keycloak work across both replicas',
  { timeout: 240_000 },
  async () => {
    // Users come from Keycloak by a scheduled sync (a global task: one replica
    // runs it, 30 s after start). Wait for it, then for catalog processing.
    const deadline = Date.now() + 150_000;
    while (
      !replicas.some(r => /Committed .* in [\d.]+ seconds/.test(r.output))
    ) {
      if (Date.now() > deadline)
        throw new Error('Keycloak org sync did not run');
      await new Promise(r => setTimeout(r, 1000));
    }
    const syncs = replicas.filter(r =>
      /Committed .* in [\d.]+ seconds/.test(r.output),
    );
    assert.equal(
      syncs.length,
      1,
      'the global sync task ran on exactly one replica',
    );
    await new Promise(r => setTimeout(r, 10_000));

    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const page = await browser.newPage();
      const before = replicas.map(r => r.hits);
      await page.goto(`${publicUrl}/`);
      const popupOpened = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Sign In' }).click();
      const popup = await popupOpened;
      await popup.getByLabel('Username or email').fill('minsu.park');
      await popup.getByLabel('Password').fill('example-password-minsu');
      await popup.getByRole('button', { name: 'Sign In' }).click();
      await page
        .getByRole('link', { name: 'Catalog', exact: true })
        .first()
        .waitFor({ timeout: 60_000 });
      // The flow's requests went to both replicas (state cookie set by one,
      // callback handled by whichever the balancer picked).
      replicas.forEach((r, i) =>
        assert.ok(
          r.hits > before[i],
          `replica ${r.name} served part of the sign-in`,
        ),
      );

      const token = await page.evaluate(async () => {
        const res = await fetch(
          '/api/auth/oidc/refresh?optional&env=production',
          {
            headers: { 'x-requested-with': 'XMLHttpRequest' },
            credentials: 'include',
          },
        );
        return (await res.json()).backstageIdentity.token;
      });
      // The token one replica issued is accepted by each replica directly.
      for (const r of replicas) {
        const res = await fetch(
          `http://localhost:${r.port}/api/catalog/entities/by-name/user/default/minsu.park`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        assert.equal(res.status, 200, `replica ${r.name} accepts the session`);
        assert.equal((await res.json()).spec.profile.displayName, 'Minsu Park');
      }

      // Signing out ends the Keycloak session too, on production config: the
      // end-session URL comes from KEYCLOAK_BASE_URL's discovery document and
      // returns to PORTAL_BASE_URL.
      const logouts = [];
      page.on('request', request => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/protocol/openid-connect/logout'))
          logouts.push(url);
      });
      await page.goto(`${publicUrl}/settings`);
      await page.getByRole('button', { name: /more/i }).first().click();
      await page.getByRole('menuitem', { name: /sign out/i }).click();
      await page
        .getByRole('button', { name: 'Sign In' })
        .waitFor({ timeout: 60_000 });
      assert.equal(new URL(page.url()).origin, publicUrl);
      assert.equal(logouts.length, 1);
      assert.equal(
        `${logouts[0].origin}${logouts[0].pathname}`,
        `${keycloakUrl}/realms/platform/protocol/openid-connect/logout`,
      );
      assert.equal(
        logouts[0].searchParams.get('post_logout_redirect_uri'),
        publicUrl,
      );
      assert.ok(logouts[0].searchParams.get('id_token_hint'));
      const again = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Sign In' }).click();
      await (await again).getByLabel('Password').waitFor({ timeout: 30_000 });
    } finally {
      await browser.close();
    }
  },
);
