/*
 * Cluster cost allocation where people look: the dashboard's coverage line,
 * an environment's cost by service + shared + idle, a service's allocated
 * and direct cost per environment with its efficiency, in English and Korean.
 * The figures come from the start command's stand-ins (Cost Explorer bills
 * the example clusters' node-hours, the example Prometheus servers publish
 * their pods), through the backend's first collection.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, noAllocation, signIn, switchLanguage, test } from './fixtures';

/** Cents of every money figure (`$1,234.56`) in a text, in order. */
function centsIn(text: string): number[] {
  return [...text.matchAll(/\$([\d,]+\.\d\d)/g)].map(m =>
    Math.round(Number(m[1].replace(/,/g, '')) * 100),
  );
}

/** The dashboard once the first collection has allocated dev-a. */
async function openDashboardWithAllocation(page: Page) {
  await expect(async () => {
    await page.goto('/cost-uptime');
    await expect(
      page.getByTestId('coverage-line').filter({ hasText: 'dev-a' }),
    ).toContainText('Of $', { timeout: 5_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });
}

/** The money cells (second column) of a table's body rows, in cents. */
async function amountColumn(table: Locator): Promise<number[]> {
  const cells = await table
    .locator('tbody tr')
    .evaluateAll(rows =>
      rows.map(r => r.querySelectorAll('td')[1]?.textContent ?? ''),
    );
  return cells.map(c => centsIn(c)[0]);
}

test.describe('cluster cost allocation', () => {
  test.setTimeout(300_000);

  test('dashboard, environment and service show the split, and it adds up', async ({
    page,
    shot,
  }) => {
    await signIn(page);
    await openDashboardWithAllocation(page);

    // Of $X billed to dev-a: $A to services, $S shared, $I idle, $U untagged.
    const line = page.getByTestId('coverage-line').filter({ hasText: 'dev-a' });
    const [total, ...parts] = centsIn((await line.textContent()) ?? '');
    expect(parts).toHaveLength(4);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    await shot('dashboard coverage');

    // dev-a: services + shared + idle = the billed cluster cost shown.
    await page.goto('/catalog/default/resource/dev-a/cost-uptime');
    const env = page.getByTestId('environment-allocation');
    await expect(page.getByTestId('allocation-billed')).toHaveText(
      /\$[\d,]+\.\d\d/,
    );
    await expect(env).toContainText('Shared');
    await expect(env).toContainText('Idle');
    await expect(env).toContainText('shop-backend');
    await expect(env.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('allocation-source')).toContainText(
      'Source: ',
    );
    const billed = centsIn(
      (await page.getByTestId('allocation-billed').textContent()) ?? '',
    )[0];
    const amounts = await amountColumn(env.locator('table'));
    expect(amounts.length).toBeGreaterThanOrEqual(3);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(billed);
    await shot('dev-a cost by service');

    // shop-backend: allocated and direct per environment, efficiency, saving.
    await page.goto('/catalog/default/component/shop-backend/cost-uptime');
    const svc = page.getByTestId('service-allocation');
    const devA = svc.locator('tbody tr').filter({ hasText: 'dev-a' });
    await expect(devA).toBeVisible();
    const cells = await devA.locator('td').allTextContents();
    const [allocated, direct, sum] = cells.slice(1, 4).map(c => centsIn(c)[0]);
    expect(allocated).toBeGreaterThan(0);
    // The shop's RDS database is tagged with its service.
    expect(direct).toBeGreaterThan(0);
    expect(sum).toBe(allocated + direct);
    expect(cells[4]).toMatch(/^\d+%$/);
    expect(cells[5]).toMatch(/^\d+%$/);
    expect(cells[6]).toMatch(/\$[\d,]+\.\d\d/);
    await shot('shop-backend allocated and direct');

    try {
      await switchLanguage(page, '한국어');
      await page.goto('/cost-uptime');
      await expect(
        page.getByTestId('coverage-line').filter({ hasText: 'dev-a' }),
      ).toContainText('이번 달 dev-a에 청구된');
      await shot('dashboard coverage, Korean');
      await page.goto('/catalog/default/resource/dev-a/cost-uptime');
      await expect(page.getByText('서비스별 클러스터 비용')).toBeVisible();
      await expect(env).toContainText('공유');
      await expect(env).toContainText('유휴');
      await shot('dev-a cost by service, Korean');
      await page.goto('/catalog/default/component/shop-backend/cost-uptime');
      await expect(
        page.getByText('환경별 비용: 배분 비용과 직접 비용'),
      ).toBeVisible();
      await expect(svc).toContainText('메모리 효율');
      await shot('shop-backend allocated and direct, Korean');
    } finally {
      await switchLanguage(page, 'English');
    }
  });

  test('an environment not allocated yet, and a failing allocation', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    await signIn(page);
    const none = noAllocation('dev-a', '2026-12-01', '2026-12-03');
    await page.route('**/api/cost-uptime/allocation*', route =>
      route.fulfill({ json: none }),
    );
    await page.goto('/catalog/default/resource/dev-a/cost-uptime');
    await expect(
      page
        .getByTestId('environment-allocation')
        .getByText(/^No allocation yet: it needs billed days/),
    ).toBeVisible();
    await shot('dev-a not allocated yet');
    await page.goto('/catalog/default/component/shop-backend/cost-uptime');
    await expect(
      page.getByText('No allocation for this service in any environment yet.'),
    ).toBeVisible();
    await shot('no allocation yet');

    allowConsoleErrors('500 (Internal Server Error)');
    await page.unroute('**/api/cost-uptime/allocation*');
    await page.route('**/api/cost-uptime/allocation*', route =>
      route.fulfill({
        status: 500,
        json: {
          error: { name: 'Error', message: 'allocation store unavailable' },
          request: { method: 'GET', url: '/api/cost-uptime/allocation' },
          response: { statusCode: 500 },
        },
      }),
    );
    await page.goto('/catalog/default/resource/dev-a/cost-uptime');
    await expect(
      page
        .getByTestId('environment-allocation')
        .getByRole('heading', { name: /500 Internal Server Error/ }),
    ).toBeVisible();
    await page
      .getByTestId('environment-allocation')
      .getByRole('heading', { name: /500 Internal Server Error/ })
      .scrollIntoViewIfNeeded();
    await shot('allocation error');
  });
});
