/*
 * English and Korean, chosen by each user in Settings: the portal's pages and
 * figures follow the choice, it is kept by the user-settings backend (a new
 * browser gets it back), and alerts reach each member of a team in their own
 * language, in the portal and in the Slack and KakaoTalk stand-ins.
 */
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { standInUrls } from '@internal/sandbox';
import {
  examplePassword,
  expect,
  openAs,
  pickOption,
  reportFailedBuild,
  sidebarLink,
  signIn,
  standInRequests,
  submitKeycloakLogin,
  switchLanguage,
  test,
} from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');
// Same arithmetic as playwright.config.ts: stand-ins from E2E_PORT_BASE + 10.
const { SANDBOX_SLACK_URL, SANDBOX_KAKAO_URL } = standInUrls(
  Number(process.env.E2E_PORT_BASE ?? 7100) + 10,
);
/** The developers' on-call KakaoTalk receivers (app-config.yaml), in Korean. */
const DEVELOPERS_KAKAO = 'sandbox-uuid-developers-oncall';

/** Settings → General → Language. */
async function chooseLanguage(page: Page, current: string, wanted: string) {
  await page.goto('/settings');
  await page.getByRole('button', { name: current }).click();
  await page.getByRole('option', { name: wanted }).click();
}

/** The cost page once the first collection has brought its figures. */
async function openCostPage(page: Page) {
  await expect(async () => {
    await page.goto('/cost-uptime');
    await expect(page.getByTestId('stat-forecast')).toContainText(/\d/, {
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
}

/** The create-environment form at its cluster step, where the estimate is. */
async function openEnvironmentForm(
  page: Page,
  texts: { choose: string; next: string },
) {
  await page.goto('/create');
  const title = 'Create an EKS environment';
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .last();
  await card.getByRole('button', { name: texts.choose }).click();
  await page
    .getByRole('textbox', { name: /^Name/ })
    .fill(`i18n-${Math.random().toString(36).slice(2, 8)}`);
  await pickOption(page, /Owner group/, 'developers');
  await page.getByRole('button', { name: texts.next, exact: true }).click();
}

/** Signs in a user whose portal is Korean (the sidebar says 카탈로그). */
async function signInKorean(page: Page, username: string) {
  await submitKeycloakLogin(page, username, examplePassword(username));
  await expect(sidebarLink(page, '카탈로그')).toBeVisible();
}

/** A second person at another browser, in Seoul. */
async function otherBrowser(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    baseURL,
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1440, height: 900 },
  });
  return context.newPage();
}

test.describe('languages', () => {
  test('a user switches to 한국어 in Settings: pages and figures are Korean, and the choice follows them', async ({
    page,
    browser,
    baseURL,
    shot,
  }) => {
    test.setTimeout(180_000);
    await openAs(page, 'sora.lee', '/settings');
    await expect(page.getByText('Language', { exact: true })).toBeVisible();
    await shot('settings in English');

    await chooseLanguage(page, 'English', '한국어');
    await expect(sidebarLink(page, '카탈로그')).toBeVisible();
    await expect(page.getByText('언어', { exact: true })).toBeVisible();
    await expect(page.getByText('테마', { exact: true })).toBeVisible();
    await shot('settings in Korean');

    // A service page: the Deployments and Argo CD cards, money in ko-KR.
    await page.goto('/catalog/default/component/shop-backend');
    const deployments = page.getByRole('table', { name: '환경별 배포' });
    await expect(deployments).toBeVisible();
    await expect(
      deployments.getByRole('columnheader', { name: '파드' }),
    ).toBeVisible();
    const devA = deployments.locator('tr[data-environment="dev-a"]');
    await expect(devA).toContainText('준비됨');
    // The cost plugin's first collection (15 s after start) brings the cost.
    await expect(async () => {
      await page.reload();
      await expect(devA.locator('td[data-column="cost"]')).toContainText(
        /^US\$[\d,]+\.\d{2}/,
        { timeout: 5_000 },
      );
    }).toPass({ timeout: 90_000 });
    const history = page.getByRole('table', { name: 'Argo CD 배포 이력' });
    await expect(
      history.getByRole('columnheader', { name: '소요' }),
    ).toBeVisible();
    // Deploy times in Korean date format, durations in Korean units.
    await expect(history.locator('tbody tr').first()).toContainText(
      /\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후) \d{1,2}:\d{2}/,
    );
    await expect(history.locator('td[data-column="took"]').first()).toHaveText(
      '1분 00초',
    );
    await expect(page.getByText('정보', { exact: true }).first()).toBeVisible();
    await shot('service page in Korean');

    // The create page and the catalog.
    await page.goto('/create');
    await expect(
      page.getByRole('heading', { name: '템플릿', exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: '선택' }).first(),
    ).toBeVisible();
    await shot('create page in Korean');
    await page.goto('/catalog');
    await expect(page.getByText('담당', { exact: true }).first()).toBeVisible();
    await shot('catalog in Korean');

    // Stored with the user-settings backend: a new browser, no local copy,
    // gets it back once she signs in; a teammate's portal stays English.
    const elsewhere = await otherBrowser(browser, baseURL);
    await signInKorean(elsewhere, 'sora.lee');
    await elsewhere.close();
    const teammate = await otherBrowser(browser, baseURL);
    await openAs(
      teammate,
      'minsu.park',
      '/catalog/default/component/shop-backend',
    );
    await expect(
      teammate.getByRole('table', { name: 'Deployments by environment' }),
    ).toBeVisible();
    await teammate.close();
  });

  test('in Korean the cost page, an environment page and the create form are Korean, figures formatted for ko-KR', async ({
    page,
    shot,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, 'sora.lee');

    // English first, for the screenshots to compare with.
    await switchLanguage(page, 'English');
    await openCostPage(page);
    await expect(page.getByText('Cost trend', { exact: true })).toBeVisible();
    await expect(page.getByTestId('stat-forecast')).toContainText(
      /^Forecast for the month.*\$[\d,]+\.\d{2}/,
    );
    await shot('cost page in English');
    await page.goto('/catalog/default/resource/dev-a');
    await expect(
      page.getByRole('table', { name: 'Environment state' }),
    ).toBeVisible();
    await expect(page.getByTestId('entity-month-to-date')).toBeVisible();
    await shot('environment page in English');
    await openEnvironmentForm(page, { choose: 'Choose', next: 'Next' });
    await expect(
      page.getByRole('status', { name: 'Estimated monthly cost' }),
    ).toContainText('$201.67 / month');
    await shot('create form in English');

    await switchLanguage(page, '한국어');

    // The cost page: Korean headings, ko-KR money (USD is US$ in ko-KR).
    await openCostPage(page);
    await expect(page.getByText('비용 추이', { exact: true })).toBeVisible();
    await expect(page.getByText('환경별', { exact: true })).toBeVisible();
    await expect(page.getByText('AWS 서비스별', { exact: true })).toBeVisible();
    await expect(
      page.getByText('SLO 대비 가동률', { exact: true }),
    ).toBeVisible();
    // sora.lee is a developer: 'Run collection now' (지금 수집 실행) is only
    // offered to holders of cost-uptime.collection.run.
    await expect(
      page.getByRole('button', { name: '지금 수집 실행' }),
    ).toHaveCount(0);
    await expect(page.getByTestId('stat-month-to-date')).toContainText(
      '이번 달 누적',
    );
    await expect(page.getByTestId('stat-forecast')).toContainText(
      /^이번 달 예측.*US\$[\d,]+\.\d{2}/,
    );
    await expect(page.getByTestId('stat-uptime')).toContainText(/\d+\.\d{2}%/);
    await expect(page.getByText(/^(Billing|Last collection)/)).toHaveCount(0);
    await shot('cost page in Korean');

    // An environment's page: its card, the cost card and the tabs.
    await page.goto('/catalog/default/resource/dev-a');
    const state = page.getByRole('table', { name: '환경 상태' });
    await expect(state).toBeVisible();
    await expect(state.getByText('만료', { exact: true })).toBeVisible();
    await expect(state).toContainText('설정되지 않음');
    await expect(page.getByText('비용 및 가용성').first()).toBeVisible();
    await expect(page.getByTestId('entity-month-to-date')).toHaveText(
      /^US\$[\d,]+\.\d{2}$/,
    );
    await expect(page.getByText('이번 달 예측', { exact: true })).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Content navigation' })
        .getByRole('link', { name: '비용 및 가용성' }),
    ).toBeVisible();
    await shot('environment page in Korean');

    // The create form: the scaffolder's buttons and our estimate in Korean.
    await openEnvironmentForm(page, { choose: '선택', next: '다음' });
    const estimate = page.getByRole('status', { name: '월 예상 비용' });
    await expect(estimate).toContainText('월 US$201.67');
    await expect(estimate).toContainText(
      '컨트롤 플레인 US$73.00 + t3.large 노드 2개 US$121.47',
    );
    // The last step before the review: its button says 검토 (Review).
    await expect(page.getByRole('button', { name: '검토' })).toBeVisible();
    await shot('create form in Korean');
  });

  test('an English and a Korean member of one team get the same alert, each in their language, in the portal, Slack and KakaoTalk', async ({
    page,
    browser,
    baseURL,
    shot,
  }) => {
    // daniel.cho (developers) picks 한국어; minsu.park (developers) never chose.
    await signIn(page, 'daniel.cho');
    await chooseLanguage(page, 'English', '한국어');
    await expect(sidebarLink(page, '카탈로그')).toBeVisible();

    // shop-web, not shop-backend: the alerts test's failed shop-backend build
    // opens a burst window, and a second failure of that job inside it is
    // grouped into a digest instead of sent.
    const { build, out } = reportFailedBuild(baseURL!, 'shop/shop-web');
    expect(out).toMatch(/"status":\s*"sent"/);
    const english = `Build failed: shop/shop-web #${build}`;
    const korean = `빌드 실패: shop/shop-web #${build}`;

    await page.goto('/notifications');
    await expect(page.getByRole('link', { name: korean })).toBeVisible();
    await expect(page.getByText(english)).toHaveCount(0);
    await shot('Korean user notifications');

    const minsu = await otherBrowser(browser, baseURL);
    await openAs(minsu, 'minsu.park', '/notifications');
    await expect(minsu.getByRole('link', { name: english })).toBeVisible();
    await expect(minsu.getByText(korean)).toHaveCount(0);
    await minsu.screenshot({
      path: path.join(
        ROOT,
        'e2e-screenshots',
        'languages - English user notifications.png',
      ),
      fullPage: true,
    });
    await minsu.close();

    // Slack: the team channel (English) once, in English.
    await expect
      .poll(async () => {
        const posted = await standInRequests(SANDBOX_SLACK_URL);
        return posted
          .filter(
            (r: any) =>
              r.status === 200 &&
              r.body?.channel === '#dev-alerts' &&
              String(r.body?.text).includes(`#${build}`),
          )
          .map((r: any) => r.body.text);
      })
      .toEqual([english]);

    // KakaoTalk: the team's on-call receivers read Korean.
    await expect
      .poll(async () => {
        const sent = await standInRequests(SANDBOX_KAKAO_URL);
        return sent
          .filter(
            (r: any) =>
              r.status === 200 &&
              String(r.path).includes('/friends/') &&
              JSON.parse(r.body?.receiver_uuids ?? '[]').includes(
                DEVELOPERS_KAKAO,
              ),
          )
          .map((r: any) => JSON.parse(r.body.template_object).text as string)
          .filter((text: string) => text.includes(`#${build}`))
          .map((text: string) => text.split('\n')[0]);
      })
      .toEqual([korean]);
  });
});
