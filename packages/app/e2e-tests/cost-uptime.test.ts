import type { Route } from '@playwright/test';
import {
  addDays,
  billingPeriods,
  describeRange,
  isoDayOf,
} from '@internal/plugin-cost-uptime-common';
import {
  backstageToken,
  expect,
  noAllocation,
  sidebarLink,
  signIn,
  test,
  type Page,
} from './fixtures';

/**
 * Today's billing periods as the backend sees them: the stand-in bills every
 * day up to yesterday, and the backend runs on this machine's clock (the
 * same faked clock under faketime).
 */
function periodsToday() {
  const today = isoDayOf(new Date());
  return billingPeriods(today, addDays(today, -1));
}

/**
 * Signs in as `username` and opens the dashboard once it has figures. They
 * come from the start command's stand-ins: the Cost Explorer stand-in
 * (packages/sandbox) and the example Prometheus servers
 * (scripts/prometheus/example.mjs). The backend's first collection starts
 * 15 s after it does, so the page is opened again until the data is there.
 */
async function signInToDashboard(page: Page, username = 'minsu.park') {
  await signIn(page, username);
  await sidebarLink(page, 'Cost & Uptime').click();
  await expect(page).toHaveURL(/\/cost-uptime/);
  // Navigate within the app: the page loads its figures on every visit.
  await expect(async () => {
    await sidebarLink(page, 'Home').click();
    await sidebarLink(page, 'Cost & Uptime').click();
    await expect(
      page.getByRole('table', { name: 'Uptime against SLO' }),
    ).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
}

test.describe('cost and uptime', () => {
  test.setTimeout(240_000);

  test('a signed-in user sees cost, forecast, uptime and usage for the example environments', async ({
    page,
    shot,
  }) => {
    await signInToDashboard(page);

    const periods = periodsToday();
    const mtd = page.getByTestId('stat-month-to-date');
    await expect(mtd).toContainText('This month so far');
    await expect(mtd).toContainText(/\$[\d,]+\.\d\d/);
    const month = describeRange(periods.thisMonth);
    const byEnv = page
      .locator('text=By environment')
      .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")]');
    if (periods.billed.days > 0) {
      // Billed days against as many days of last month (clamped).
      await expect(mtd).toContainText(
        `Billed ${describeRange(periods.billed)}`,
      );
      await expect(mtd).toContainText(/vs \$[\d,]+\.\d\d /);
      await expect(byEnv).toContainText(
        `${describeRange(periods.billed)} vs ${describeRange(
          periods.sameDaysLastMonth,
        )}`,
      );
    } else {
      // The 1st: no billed day yet, the estimate and last month instead.
      await expect(mtd).toContainText(`No billed day in ${month} yet`);
      await expect(mtd).toContainText(
        `Last month: ${describeRange(periods.lastMonth)} $`,
      );
      await expect(byEnv).toContainText(
        `${describeRange(periods.lastMonth)} vs ${describeRange(
          periods.breakdown.previous,
        )}: no billed day in ${month} yet`,
      );
    }
    const forecast = page.getByTestId('stat-forecast');
    await expect(forecast).toContainText(/\$[\d,]+\.\d\d/);
    await expect(forecast).toContainText('Cost Explorer');
    await expect(page.getByTestId('stat-uptime')).toContainText(/\d+\.\d\d%/);
    await expect(page.getByTestId('stat-today')).toContainText(
      /\$[\d,]+\.\d\d/,
    );

    // Breakdown by the example environments (catalog titles) and services.
    for (const env of ['dev-a', 'staging', 'prod', 'Untagged']) {
      await expect(byEnv.getByText(env, { exact: true })).toBeVisible();
    }
    // The chart's axis wraps long names over two lines (two tspans), and
    // which services are among the movers depends on the day.
    const byService = page
      .locator('text=By AWS service')
      .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")]');
    await expect(byService).toContainText(
      /Amazon Elastic Kubernetes\s*Service/,
    );
    await expect(
      page.getByRole('table', { name: 'Biggest movers' }),
    ).toBeVisible();

    const uptime = page.getByRole('table', { name: 'Uptime against SLO' });
    await expect(uptime.getByText('Shop backend').first()).toBeVisible();
    await expect(uptime.getByText('Shop web').first()).toBeVisible();
    for (const env of ['dev-a', 'staging', 'prod']) {
      await expect(
        uptime.getByRole('cell', { name: env, exact: true }).first(),
      ).toBeVisible();
    }

    // Usage charts draw one line per environment.
    await expect(page.getByText('CPU (%)')).toBeVisible();
    await expect(page.getByText('Nodes', { exact: true })).toBeVisible();
    await expect(page.locator('.recharts-line').first()).toBeVisible();

    // The figures are visible as soon as they are stored; the run itself
    // ends after the alert checks, so the page is opened again until it has.
    const runs = page.getByRole('table', { name: 'Collection runs' });
    await expect(async () => {
      await sidebarLink(page, 'Home').click();
      await sidebarLink(page, 'Cost & Uptime').click();
      await expect(runs.getByText('succeeded').first()).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
    await shot('dashboard');

    await page.getByRole('button', { name: 'AWS service' }).click();
    await expect(
      page.locator('.recharts-legend-item-text', {
        hasText: 'Amazon Elastic Compute Cloud - Compute',
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: '12 months' }).click();
    await shot('trend by service, 12 months');
  });

  test('only a platform admin is offered to run the collection now', async ({
    page,
    browser,
    baseURL,
  }) => {
    // A developer sees the figures but no run button (cost-uptime.collection.run).
    await signInToDashboard(page, 'sora.lee');
    await expect(page.getByTestId('stat-month-to-date')).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Run collection now' }),
    ).toHaveCount(0);

    const context = await browser.newContext({ baseURL });
    const admin = await context.newPage();
    await signInToDashboard(admin, 'jiyoung.kim');
    await admin.getByRole('button', { name: 'Run collection now' }).click();
    await expect(
      admin.getByText('Collection started; figures refresh when it ends.'),
    ).toBeVisible();
    // The run writes in one transaction: wait for it so the next tests read
    // a settled store.
    const authorization = `Bearer ${await backstageToken(admin)}`;
    await expect(async () => {
      const res = await admin.request.get('/api/cost-uptime/runs?limit=1', {
        headers: { authorization },
      });
      const [latest] = (await res.json()).runs;
      expect(latest).toMatchObject({ trigger: 'manual' });
      expect(latest.status).not.toBe('running');
    }).toPass({ timeout: 180_000, intervals: [2_000] });
    await context.close();
  });

  test('the entity card and tab show figures for an example service', async ({
    page,
    shot,
  }) => {
    await signInToDashboard(page);

    await page.goto('/catalog/default/component/shop-backend');
    const card = page.getByTestId('entity-month-to-date');
    await expect(card).toHaveText(/\$[\d,]+\.\d\d/);
    const note = page.getByTestId('entity-month-to-date-note');
    const periods = periodsToday();
    // A service has no node estimate: on the 1st the card shows last month.
    await expect(note).toContainText(
      periods.billed.days > 0
        ? /vs \$[\d,]+\.\d\d /
        : `No billed day in ${describeRange(periods.thisMonth)} yet`,
    );
    await expect(note).not.toContainText('no earlier data');
    await expect(page.getByTestId('entity-uptime').first()).toContainText(
      /\d+\.\d{3}% · SLO 99\.5%/,
    );
    await shot('entity card');

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Cost & Uptime' })
      .click();
    await expect(page.getByText('Daily cost by AWS service')).toBeVisible();
    await expect(
      page.getByText('service=shop-backend, last 30 days'),
    ).toBeVisible();
    await shot('entity tab');

    await page.goto('/catalog/default/resource/prod');
    await expect(page.getByTestId('entity-month-to-date')).toHaveText(
      /\$[\d,]+\.\d\d/,
    );
    await expect(page.getByText(/\d+ nodes · CPU/)).toBeVisible();
    await shot('environment card');
  });

  test('loading, empty and error states', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    await signIn(page);

    // Loading: hold the summary back until the screenshot is taken.
    const held: Route[] = [];
    const hold = (route: Route) => {
      held.push(route);
    };
    await page.route('**/api/cost-uptime/summary*', hold);
    await page.goto('/cost-uptime');
    await expect(
      page.getByText('Loading cost, usage and uptime…'),
    ).toBeVisible();
    await expect(page.getByRole('progressbar').first()).toBeVisible();
    await shot('loading');
    // Unrouting lets the held request through.
    await page.unroute('**/api/cost-uptime/summary*', hold);
    expect(held.length).toBeGreaterThan(0);

    // Empty: a portal whose first collection has not run yet.
    await page.route('**/api/cost-uptime/**', async route => {
      const url = new URL(route.request().url());
      const bodies: Record<string, unknown> = {
        '/summary': {
          currency: 'USD',
          asOf: '2026-11-25',
          periods: billingPeriods('2026-11-25'),
          monthToDate: { amount: 0, estimated: false },
          billedToDate: 0,
          unbilledEstimate: 0,
          breakdownPreviousDaysStored: 0,
          previousMonthToDate: 0,
          change: null,
          lastMonth: 0,
          forecast: { amount: 0, source: 'extrapolated' },
          todayEstimate: null,
          byEnvironment: [],
          byAwsService: [],
          movers: [],
          trend: [],
        },
        // No allocation yet: nothing billed, nothing split.
        '/allocation': noAllocation('dev-a', '2026-11-01', '2026-11-25'),
        '/series': {
          currency: 'USD',
          granularity: 'day',
          groupBy: 'environment',
          from: '2026-10-26',
          to: '2026-11-25',
          keys: [],
          points: [],
        },
        '/uptime': { days: 30, from: '2026-10-27', to: '2026-11-25', rows: [] },
        '/usage': {
          granularity: 'hour',
          from: '',
          to: '',
          environments: [],
          points: [],
        },
        '/runs': { runs: [] },
      };
      const path = url.pathname.replace(/^.*\/api\/cost-uptime/, '');
      await route.fulfill({ json: bodies[path] ?? {} });
    });
    await sidebarLink(page, 'Home').click();
    await sidebarLink(page, 'Cost & Uptime').click();
    await expect(page.getByText('No cost data yet')).toBeVisible();
    await expect(
      page.getByText('The first collection has not run yet.', { exact: false }),
    ).toBeVisible();
    await shot('empty');
    await page.unroute('**/api/cost-uptime/**');

    // Error: the backend cannot answer.
    allowConsoleErrors('500 (Internal Server Error)');
    await page.route('**/api/cost-uptime/summary*', route =>
      route.fulfill({
        status: 500,
        json: {
          error: {
            name: 'Error',
            message: 'connect ECONNREFUSED 10.0.3.7:3306 (MariaDB)',
          },
          request: { method: 'GET', url: '/api/cost-uptime/summary' },
          response: { statusCode: 500 },
        },
      }),
    );
    await sidebarLink(page, 'Home').click();
    await sidebarLink(page, 'Cost & Uptime').click();
    await expect(page.getByText(/Request failed with 500/)).toBeVisible();
    // The details say what went wrong on the server.
    await page.getByText(/Request failed with 500/).click();
    await expect(page.getByText(/ECONNREFUSED/).first()).toBeVisible();
    await shot('error');
  });
});
