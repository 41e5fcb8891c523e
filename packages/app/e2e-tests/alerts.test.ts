import { standInUrls } from '@internal/sandbox';
import {
  expect,
  openAs,
  reportFailedBuild,
  signIn,
  standInRequests,
  test,
} from './fixtures';

// Same arithmetic as playwright.config.ts: stand-ins from E2E_PORT_BASE + 10.
const SLACK_URL = standInUrls(
  Number(process.env.E2E_PORT_BASE ?? 7100) + 10,
).SANDBOX_SLACK_URL;

/** Whether the Slack stand-in got `text` for `channel` and answered 200. */
async function slackGot(channel: string, text: string) {
  const posted = await standInRequests(SLACK_URL);
  return posted.some(
    r => r.status === 200 && r.body.channel === channel && r.body.text === text,
  );
}

test.describe('alerts', () => {
  // For now a signed Jenkins webhook post raises the event; once environments
  // land, this becomes "an environment task finished".
  test("a failed Jenkins build shows up in the owner team member's notifications", async ({
    page,
    baseURL,
    shot,
  }) => {
    // The job's component must be in the catalog for the alert to find its owners.
    await openAs(page, 'minsu.park', '/catalog/default/component/shop-backend');
    await expect(
      page.getByRole('heading', { name: /Shop backend/ }).first(),
    ).toBeVisible();

    const { build, out } = reportFailedBuild(baseURL!, 'shop/shop-backend');
    expect(out).toMatch(/"status":\s*"sent"/);

    await page.goto('/notifications');
    await expect(
      page.getByText(`Build failed: shop/shop-backend #${build}`),
    ).toBeVisible();
    await shot('notification after a failed build');

    // And the owner team's Slack channel and KakaoTalk got it too.
    await expect
      .poll(() =>
        slackGot('#dev-alerts', `Build failed: shop/shop-backend #${build}`),
      )
      .toBe(true);
  });

  test("the first cost collection tells the dev-a environment's owners it is over budget", async ({
    page,
    shot,
  }) => {
    test.setTimeout(240_000);
    // dev-a (owner platform-admins) has a budget of 800 by annotation
    // (catalog/environments.yaml); the Cost Explorer stand-in bills it about
    // 1,090 a month, so the month so far or its forecast is over it, whatever
    // the day. The month is that of the last billed day, yesterday.
    const month = new Date(Date.now() - 86_400_000).toISOString().slice(0, 7);
    const title = `Over budget: dev-a ${month}`;
    await signIn(page, 'jiyoung.kim');

    // The backend's first collection starts 15 s after it does.
    await expect(async () => {
      await page.goto('/notifications');
      // The notification's title links to its page (a pop-up may repeat it).
      await expect(page.getByRole('link', { name: title })).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 180_000, intervals: [3_000, 5_000] });
    await expect(page.getByText(/of \$800\.00 budget/).first()).toBeVisible();
    await shot('cost over-budget alert in notifications');

    // The owning group's Slack channel (app-config.yaml alerts.groups) got it too.
    await expect.poll(() => slackGot('#platform-alerts', title)).toBe(true);

    // It links to the environment's Cost & Uptime tab.
    await page.getByRole('link', { name: title }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/resource\/dev-a\/cost-uptime/,
    );
    await expect(page.getByText('Daily cost by AWS service')).toBeVisible();
    await shot('cost alert opens the environment cost tab');
  });

  test("an Argo CD sync failure shows up in the owning team member's notifications", async ({
    page,
    shot,
  }) => {
    // No one raises it by hand: the Argo CD module polls the stand-in (its
    // shop-backend in dev-a failed to sync) on its schedule, about a minute
    // after the backend started.
    test.setTimeout(180_000);
    await signIn(page, 'minsu.park');
    await expect
      .poll(
        async () => {
          await page.goto('/notifications');
          return page
            .getByText('Sync failed: shop-backend (dev-a)')
            .first()
            .waitFor({ timeout: 10_000 })
            .then(
              () => true,
              () => false,
            );
        },
        { timeout: 150_000, intervals: [2_000] },
      )
      .toBe(true);
    await expect(
      page.getByText('Degraded: shop-backend (dev-a)').first(),
    ).toBeVisible();
    await shot('notifications of the Argo CD sync failure and degradation');

    // The notification leads to the component's page.
    // Its title links there (the live pop-up repeats the text, not the link).
    await page
      .getByRole('link', { name: 'Sync failed: shop-backend (dev-a)' })
      .click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/shop-backend/);
  });
});
