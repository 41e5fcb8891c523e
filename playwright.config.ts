/*
 * Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium; the
 * test command installs it with apt when missing, since Playwright's own
 * browser download cannot reach its host from these machines).
 *
 * The backend serves the built frontend (yarn workspace app build) on its own
 * port, with the stand-ins from packages/sandbox beside it. Ports differ from
 * `./portal start` so tests can run while a developer has the portal open.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { standInUrls } from './packages/sandbox/src/ports';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

/**
 * Ports: the backend on E2E_PORT_BASE, the stand-ins from E2E_PORT_BASE + 10.
 * Set E2E_PORT_BASE to run two test runs side by side (e.g. two worktrees).
 */
const E2E_PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 7100);
const E2E_BACKEND_PORT = E2E_PORT_BASE;
const E2E_SANDBOX_PORT_BASE = E2E_PORT_BASE + 10;
/** Example Prometheus servers: E2E_PORT_BASE + 20, 21, 22. */
const E2E_PROMETHEUS_PORT = E2E_PORT_BASE + 20;
const baseURL = `http://localhost:${E2E_BACKEND_PORT}`;

/** A fresh IaC repository per run, created once by the main process (not by workers). */
const E2E_IAC_REPO = path.resolve(
  __dirname,
  'test-results',
  `iac-${E2E_PORT_BASE}.git`,
);
if (!process.env.TEST_WORKER_INDEX) {
  fs.rmSync(E2E_IAC_REPO, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(E2E_IAC_REPO), { recursive: true });
  execFileSync(path.resolve(__dirname, 'scripts/create-iac-repo.sh'), [
    E2E_IAC_REPO,
  ]);
}
/**
 * Bare Git repositories the new-service template publishes to in this run
 * (app-config.e2e.yaml newService.git); the test reads them back.
 */
const E2E_GIT_DIR = path.resolve(
  __dirname,
  'test-results',
  `git-${E2E_PORT_BASE}`,
);
process.env.E2E_GIT_DIR = E2E_GIT_DIR;
fs.rmSync(E2E_GIT_DIR, { recursive: true, force: true });

// The tests talk to the stand-ins too (e.g. API tests against Keycloak):
// workers inherit SANDBOX_<NAME>_URL from here.
Object.assign(process.env, standInUrls(E2E_SANDBOX_PORT_BASE));
/**
 * Dummy AWS credentials for the backend: the EKS (`aws`) cluster auth signs
 * its token locally with them, and the stand-ins only check the shape.
 */
const SANDBOX_AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIASANDBOXLOCAL0000',
  AWS_SECRET_ACCESS_KEY: 'sandbox-not-a-secret',
  AWS_REGION: 'ap-northeast-2',
};

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'test-results/e2e',
  webServer: [
    {
      command: 'node packages/sandbox/src/main.ts',
      url: `http://localhost:${E2E_SANDBOX_PORT_BASE}/healthz`,
      env: { SANDBOX_PORT_BASE: String(E2E_SANDBOX_PORT_BASE) },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
    },
    {
      // Example Prometheus servers (dev-a, staging, prod) for Cost & Uptime.
      command: `node scripts/prometheus/example.mjs --port ${E2E_PROMETHEUS_PORT} --dir test-results/prometheus --days 3`,
      url: `http://localhost:${E2E_PROMETHEUS_PORT + 2}/-/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
    },
    {
      command:
        'yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
      url: `${baseURL}/.backstage/health/v1/readiness`,
      env: {
        E2E_BACKEND_PORT: String(E2E_BACKEND_PORT),
        E2E_IAC_REPO,
        E2E_GIT_DIR,
        ...standInUrls(E2E_SANDBOX_PORT_BASE),
        ...SANDBOX_AWS_ENV,
        COST_UPTIME_PROMETHEUS_DEV_A_URL: `http://localhost:${E2E_PROMETHEUS_PORT}`,
        COST_UPTIME_PROMETHEUS_STAGING_URL: `http://localhost:${
          E2E_PROMETHEUS_PORT + 1
        }`,
        COST_UPTIME_PROMETHEUS_PROD_URL: `http://localhost:${
          E2E_PROMETHEUS_PORT + 2
        }`,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
    },
  ],
  use: {
    baseURL,
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
