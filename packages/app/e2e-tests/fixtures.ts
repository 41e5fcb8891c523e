/*
 * Shared fixtures for every browser test:
 * - the test fails on any uncaught exception or console error in the page, so
 *   a broken card or a failing API call cannot hide behind a passing click path;
 * - `shot(name)` saves a full-page screenshot to e2e-screenshots/ for people to
 *   look at (loading, empty and error states included).
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { AllocationReport } from '@internal/plugin-cost-uptime-common';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const SCREENSHOT_DIR = path.resolve(__dirname, '../../../e2e-screenshots');

type Fixtures = {
  /**
   * Console errors a test expects (e.g. a deliberate 404), matched by
   * substring or pattern against the message followed by the URL it is
   * about (`<message> @ <url>`).
   */
  allowConsoleErrors: (...patterns: (string | RegExp)[]) => void;
  /**
   * Saves a full-page screenshot named after the test and `name`, of the
   * test's page or of `of` (a second tab).
   */
  shot: (name: string, of?: Page) => Promise<void>;
};

type Internal = {
  allowedConsoleErrors: (string | RegExp)[];
  consoleGuard: void;
};

// Playwright hands each fixture a callback conventionally called `use`; it is
// named `provide` here because the React hooks lint rule claims `use`.
export const test = base.extend<Fixtures & Internal>({
  allowedConsoleErrors: async ({}, provide) => {
    await provide([]);
  },
  allowConsoleErrors: async ({ allowedConsoleErrors }, provide) => {
    await provide((...patterns) => allowedConsoleErrors.push(...patterns));
  },
  consoleGuard: [
    async ({ page, allowedConsoleErrors }, provide) => {
      const problems: string[] = [];
      const isAllowed = (text: string) =>
        allowedConsoleErrors.some(p =>
          typeof p === 'string' ? text.includes(p) : p.test(text),
        );
      page.on('pageerror', error => {
        if (!isAllowed(error.message)) {
          problems.push(`uncaught: ${error.message}`);
        }
      });
      page.on('console', message => {
        // Before sign-in the app asks the backend whether a session exists;
        // "no" is a 401, which Chromium logs. That probe is not a failure.
        const sessionProbe =
          message.location().url.includes('/api/auth/oidc/refresh') &&
          message.text().includes('401');
        const about = `${message.text()} @ ${message.location().url}`;
        if (message.type() === 'error' && !sessionProbe && !isAllowed(about)) {
          problems.push(`console.error: ${message.text()}`);
        }
      });
      await provide();
      expect(problems, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  shot: async ({ page }, provide, testInfo) => {
    await provide(async (name: string, of: Page = page) => {
      const title = `${testInfo.titlePath.slice(1).join(' - ')} - ${name}`;
      const file = path.join(
        SCREENSHOT_DIR,
        `${title.replace(/[^\w.\- ]+/g, '_')}.png`,
      );
      await of.screenshot({ path: file, fullPage: true });
    });
  },
});

export { expect };

/** The Keycloak realm the stand-in serves: example users and their passwords. */
const realm: {
  users: { username: string; credentials?: { value: string }[] }[];
} = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../infra/keycloak/realm-platform.json'),
    'utf8',
  ),
);

/** The local example password of an example user (infra/keycloak/README.md). */
export function examplePassword(username: string): string {
  const user = realm.users.find(u => u.username === username);
  const password = user?.credentials?.[0]?.value;
  if (!password) throw new Error(`No example user ${username} in the realm`);
  return password;
}

/**
 * Clicks "Sign In" on the Keycloak card and fills the identity provider's
 * login form in the popup that opens. Returns the popup, which closes by
 * itself once the portal has the session (or shows why it did not).
 */
export async function submitKeycloakLogin(
  page: Page,
  username: string,
  password: string,
): Promise<Page> {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Username or email').fill(username);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign In' }).click();
  return popup;
}

/**
 * Signs in as one of the example users (the realm in infra/keycloak) through
 * the Keycloak stand-in's login form, as a person would. Every browser test
 * signs in through this function.
 */
export async function signIn(page: Page, username: string = 'minsu.park') {
  await submitKeycloakLogin(page, username, examplePassword(username));
  await expect(sidebarLink(page, 'Catalog')).toBeVisible();
}

/** Signs in as `username` (see signIn) and opens `url`. */
export async function openAs(page: Page, username: string, url: string) {
  await signIn(page, username);
  await page.goto(url);
}

/** Picks an option of a catalog-backed autocomplete (OwnerPicker, EntityPicker). */
export async function pickOption(page: Page, label: RegExp, text: string) {
  const input = page
    .getByRole('combobox', { name: label })
    .or(page.getByLabel(label));
  await input.first().click();
  await input.first().fill(text);
  await page
    .getByRole('option', { name: new RegExp(text, 'i') })
    .first()
    .click();
}

/** An allocation of `environment` from `from` to `to` with nothing billed or split yet. */
export function noAllocation(
  environment: string,
  from: string,
  to: string,
): AllocationReport {
  return {
    currency: 'USD',
    environment,
    from,
    to,
    billed: 0,
    shared: 0,
    idle: 0,
    untagged: 0,
    environmentTotal: 0,
    services: [],
    source: 'none',
    estimatedDays: [],
    days: 0,
  };
}

/** The requests a stand-in of packages/sandbox has recorded. */
export async function standInRequests(standInUrl: string): Promise<any[]> {
  return (await fetch(`${standInUrl}/_sandbox/requests`)).json();
}

/** A link in the sidebar (the sidebar renders a second, hidden nav for mobile). */
export function sidebarLink(page: Page, name: string) {
  return page.getByRole('link', { name, exact: true }).first();
}

/**
 * Reports a failed Jenkins build of `job` to the portal with the script the
 * Jenkinsfiles run (infra/jenkins/notify-portal.sh), signed with the e2e
 * webhook secret. Returns the build number and what the script printed.
 */
export function reportFailedBuild(
  baseURL: string,
  job: string,
): { build: string; out: string } {
  const build = String(1000 + Math.floor(Math.random() * 100000));
  const jobPath = job.split('/').join('/job/');
  const out = execFileSync(
    'bash',
    [
      path.resolve(__dirname, '../../../infra/jenkins/notify-portal.sh'),
      'FAILURE',
    ],
    {
      env: {
        ...process.env,
        PORTAL_URL: baseURL,
        PORTAL_WEBHOOK_SECRET: 'e2e-webhook-secret',
        JOB_NAME: job,
        BUILD_NUMBER: build,
        BUILD_URL: `http://jenkins.example/job/${jobPath}/${build}/`,
      },
      encoding: 'utf8',
    },
  );
  return { build, out };
}

/** The signed-in person's Backstage token, as the app gets it. */
export async function backstageToken(page: Page): Promise<string> {
  const res = await page.request.get(
    '/api/auth/oidc/refresh?optional&env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

/** Sets the language in Settings to `wanted`, whichever it was. */
export async function switchLanguage(page: Page, wanted: 'English' | '한국어') {
  await page.goto('/settings');
  const picker = page.getByRole('button', { name: /^(English|한국어)$/ });
  await expect(picker).toBeVisible();
  if ((await picker.textContent())?.trim() !== wanted) {
    await picker.click();
    await page.getByRole('option', { name: wanted }).click();
  }
  await expect(picker).toHaveText(wanted);
}
