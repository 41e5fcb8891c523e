// How the repository's browser tests start Chromium (playwright.config.ts,
// infra/tests/production-bundle.test.mjs).

/**
 * Debian's Chromium (CHROMIUM_PATH for another), headless and without the
 * background traffic of a desktop browser: Playwright's launch options.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
