/*
 * Shared fixtures for every browser test:
 * - the test fails on any uncaught exception or console error in the page, so
 *   a broken card or a failing API call cannot hide behind a passing click path;
 * - `shot(name)` saves a full-page screenshot to e2e-screenshots/ for people to
 *   look at (loading, empty and error states included).
 */
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';

const SCREENSHOT_DIR = path.resolve(__dirname, '../../../e2e-screenshots');

type Fixtures = {
  /** Console errors a test expects (e.g. a deliberate 404), matched by substring or pattern. */
  allowConsoleErrors: (...patterns: (string | RegExp)[]) => void;
  /** Saves a full-page screenshot named after the test and `name`. */
  shot: (name: string) => Promise<void>;
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
        if (message.type() === 'error' && !isAllowed(message.text())) {
          problems.push(`console.error: ${message.text()}`);
        }
      });
      await provide();
      expect(problems, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  shot: async ({ page }, provide, testInfo) => {
    await provide(async (name: string) => {
      const title = `${testInfo.titlePath.slice(1).join(' - ')} - ${name}`;
      const file = path.join(
        SCREENSHOT_DIR,
        `${title.replace(/[^\w.\- ]+/g, '_')}.png`,
      );
      await page.screenshot({ path: file, fullPage: true });
    });
  },
});

export { expect };

/**
 * Signs in as one of the example users (catalog/org.yaml). Every browser test
 * signs in through this function, so the sign-in method can change in one place.
 *
 * For now the portal has only the guest provider, so `username` is not used
 * yet: the Keycloak sign-in issue makes this go through the identity
 * provider's login form as that user.
 */
export async function signIn(page: Page, username: string = 'minsu.park') {
  void username;
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(sidebarLink(page, 'Catalog')).toBeVisible();
}

/** A link in the sidebar (the sidebar renders a second, hidden nav for mobile). */
export function sidebarLink(page: Page, name: string) {
  return page.getByRole('link', { name, exact: true }).first();
}
