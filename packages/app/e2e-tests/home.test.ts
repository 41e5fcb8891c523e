/*
 * The home page shows a signed-in user what is theirs: their groups'
 * environments with state, expiry and cost this month, their services with
 * Argo CD health per environment, SLO and latest build, and their unread
 * notifications; platform admins also see the environments that need
 * attention. daniel.cho is in developers (owns the shop) and
 * platform-admins (owns the example environments); minsu.park only in
 * developers.
 */
import { expect, openAs, switchLanguage, test } from './fixtures';

test.describe('home', () => {
  test("a platform admin's home lists their environments, services and what needs attention", async ({
    page,
    shot,
  }) => {
    await openAs(page, 'daniel.cho', '/');

    const environments = page.getByRole('list', { name: 'My environments' });
    for (const name of ['dev-a', 'staging', 'prod']) {
      await expect(
        environments.getByRole('listitem', { name }).first(),
      ).toBeVisible();
    }
    // Cost this month from the cost plugin (once its first collection ran).
    await expect(async () => {
      await page.reload();
      await expect(
        page
          .getByRole('list', { name: 'My environments' })
          .getByRole('listitem', { name: 'dev-a' })
          .first(),
      ).toContainText(/\$[\d,]+\.\d\d this month/, { timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await expect(page.getByTestId('home-attention')).toContainText(
      'Needs attention (all environments)',
    );

    const services = page.getByRole('list', { name: 'My services' });
    const backend = services.getByRole('listitem', { name: 'Shop backend' });
    await expect(backend).toBeVisible();
    // The Argo CD stand-ins have the shop in each example environment.
    await expect(backend).toContainText(/dev-a: \w+/);
    await expect(backend.getByTestId('home-service-slo')).toContainText(
      /SLO (met|missed): [\d.]+% in |No availability data yet/,
    );
    // The notifications plugin's own widget.
    await expect(page.getByText(/Last unread notifications/)).toBeVisible();
    await shot('home (platform admin)');

    await switchLanguage(page, '한국어');
    await page.goto('/');
    await expect(page.getByRole('list', { name: '내 환경' })).toBeVisible();
    await expect(page.getByRole('list', { name: '내 서비스' })).toBeVisible();
    await expect(page.getByTestId('home-attention')).toContainText(
      '확인이 필요한 환경 (전체)',
    );
    await shot('home (platform admin, Korean)');
    await switchLanguage(page, 'English');
  });

  test('a developer sees their services, no environments of their own and no attention list', async ({
    page,
    shot,
  }) => {
    await openAs(page, 'minsu.park', '/');
    await expect(
      page.getByRole('list', { name: 'My services' }).getByRole('listitem', {
        name: 'Shop backend',
      }),
    ).toBeVisible();
    await expect(page.getByText(/You own no environments yet/)).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Create one' }).first(),
    ).toBeVisible();
    await expect(page.getByTestId('home-attention')).toHaveCount(0);
    await shot('home (developer)');
  });
});
