/*
 * The home page's "My environments" card, as people see it after signing in:
 * a developer whose groups own no environment is invited to create one; a
 * platform admin sees the environments platform-admins owns, linked; and the
 * card speaks Korean for a Korean user.
 */
import { type Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';

/** Sets the language in Settings to `wanted`, whichever it was. */
async function useLanguage(page: Page, wanted: 'English' | '한국어') {
  await page.goto('/settings');
  const picker = page.getByRole('button', { name: /^(English|한국어)$/ });
  await expect(picker).toBeVisible();
  if ((await picker.textContent())?.trim() !== wanted) {
    await picker.click();
    await page.getByRole('option', { name: wanted }).click();
  }
  await expect(picker).toHaveText(wanted);
}

test.describe('home', () => {
  test('a developer owning no environment is invited to create one', async ({
    page,
    shot,
  }) => {
    await signIn(page, 'minsu.park');
    await page.goto('/');
    await expect(page.getByText('You own no environments yet.')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Create one' }),
    ).toHaveAttribute('href', '/create/templates/default/create-environment');
    await shot('developer');
  });

  test("a platform admin sees platform-admins' environments, linked", async ({
    page,
    shot,
  }) => {
    await signIn(page, 'jiyoung.kim');
    await page.goto('/');
    const list = page.getByRole('list', { name: 'My environments' });
    for (const name of ['dev-a', 'staging', 'prod']) {
      await expect(
        list.getByRole('listitem', { name }).getByRole('link', { name }),
      ).toHaveAttribute('href', `/catalog/default/resource/${name}`);
    }
    await shot('platform admin');
  });

  test('in Korean the card is Korean', async ({ page, shot }) => {
    await signIn(page, 'daniel.cho');
    await useLanguage(page, '한국어');
    try {
      await page.goto('/');
      const list = page.getByRole('list', { name: '내 환경' });
      await expect(list.getByRole('listitem', { name: 'dev-a' })).toBeVisible();
      await shot('korean');
    } finally {
      await useLanguage(page, 'English');
    }
  });
});
