import { expect, sidebarLink, signIn, test } from './fixtures';

test.describe('catalog', () => {
  test('a signed-in user sees the catalog and opens an entity page', async ({
    page,
    shot,
  }) => {
    await signIn(page);
    await expect(
      page.getByRole('heading', {
        name: /Welcome to the EKS developer portal/,
      }),
    ).toBeVisible();
    await shot('home');

    // Sidebar labels are whole, not cut to "Cost & Upti…" (modules/theme).
    for (const label of ['Cost & Uptime', 'Catalog Graph', 'Register']) {
      const text = sidebarLink(page, label).getByText(label, { exact: true });
      const [scrollWidth, clientWidth] = await text.evaluate(e => [
        e.scrollWidth,
        e.clientWidth,
      ]);
      expect(scrollWidth, `${label} fits its label`).toBeLessThanOrEqual(
        clientWidth,
      );
    }

    await sidebarLink(page, 'Catalog').click();
    await expect(page).toHaveURL(/\/catalog/);

    // minsu.park is in developers (a Keycloak group), which owns the shop:
    // the catalog opens on what the user owns.
    const table = page.getByRole('table');
    await expect(page.getByText('Owned Components')).toBeVisible();
    await expect(
      table.getByRole('link', { name: 'Shop backend' }),
    ).toBeVisible();
    await expect(page.getByText('Owned Components')).toBeVisible();
    await shot('catalog owned');
    // The whole catalog has the portal itself too.
    await page.getByRole('menuitem', { name: /^All/ }).click();
    await shot('catalog owned');

    // "All" shows the portal's own components too.
    await page
      .getByRole('menuitem', { name: /All/ })
      .or(page.getByText('All', { exact: true }))
      .first()
      .click();
    await expect(
      table.getByRole('link', { name: 'Portal backend' }),
    ).toBeVisible();
    await shot('catalog all');

    await table.getByRole('link', { name: 'Shop backend' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/shop-backend/);
    await expect(
      page.getByRole('heading', { name: 'Shop backend' }).first(),
    ).toBeVisible();
    await expect(
      page.getByText('Orders and catalogue service for the shop'),
    ).toBeVisible();
    // Ownership and system come from catalog-info: the about card links them.
    await expect(
      page.getByRole('link', { name: 'Developers' }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Shop', exact: true }).first(),
    ).toBeVisible();
    await shot('entity page');

    // Home remembers where the user has been.
    await sidebarLink(page, 'Home').click();
    const recent = page
      .getByText('Recently Visited')
      .locator('xpath=ancestor::div[contains(@class,"MuiCard-root")]');
    await expect(recent.getByText('Shop backend').first()).toBeVisible();
    await expect(page.getByText('Visit tracking is not enabled')).toHaveCount(
      0,
    );
    await shot('home with recently visited');
  });

  test('the example organisation is in the catalog', async ({ page, shot }) => {
    await signIn(page);
    await page.goto('/catalog/default/group/platform-admins');
    await expect(page.getByText('Platform admins').first()).toBeVisible();
    await expect(page.getByText('Jiyoung Kim').first()).toBeVisible();
    await shot('group page');
  });

  test('an unknown entity shows a clear not-found message', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    // The catalog answers 404 for the missing entity, which Chromium logs.
    allowConsoleErrors('404 (Not Found)');
    await signIn(page);
    await page.goto('/catalog/default/component/does-not-exist');
    await expect(
      page.getByText(/not found|no such entity|does not exist/i).first(),
    ).toBeVisible();
    await shot('entity not found');
  });
});
