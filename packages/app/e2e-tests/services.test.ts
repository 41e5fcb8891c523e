import type { Page } from '@playwright/test';
import { expect, openAs, test } from './fixtures';
// The same port table playwright.config.ts starts the stand-ins with.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { standInUrls } from '@internal/sandbox';

// The stand-ins of this test run, at the ports playwright.config.ts gave them.
const STAND_INS = standInUrls(Number(process.env.E2E_PORT_BASE ?? 7100) + 10);
const ARGOCD_URL = STAND_INS.SANDBOX_ARGOCD_URL;
const KUBERNETES_URL = STAND_INS.SANDBOX_KUBERNETES_URL;
const JENKINS_URL = STAND_INS.SANDBOX_JENKINS_URL;

/** The "Latest Jenkins build" card on a service's Overview. */
function latestBuildCard(page: Page) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Latest Jenkins build', { exact: true }) })
    .first();
}

test.describe('services', () => {
  test('a service page shows its deployments, pods and Argo CD state per environment', async ({
    page,
    shot,
  }) => {
    await openAs(page, 'minsu.park', '/catalog/default/component/shop-backend');

    // The deployment picture: one row per environment.
    const deployments = page.getByRole('table', {
      name: 'Deployments by environment',
    });
    const devA = deployments.locator('tr[data-environment="dev-a"]');
    const prod = deployments.locator('tr[data-environment="prod"]');
    await expect(devA).toContainText('Degraded');
    await expect(devA).toContainText('2.3.0');
    await expect(devA).toContainText('rolling out; pods also run 2.2.1');
    await expect(devA).toContainText('1/2 ready');
    await expect(devA).toContainText(
      /shop-backend-7f9c8d6b4-\w+: CrashLoopBackOff \(14 restarts\)/,
    );
    await expect(devA).toContainText(
      'PostSync hook Job shop/shop-backend-smoke-test failed',
    );
    await expect(prod).toContainText('Synced');
    await expect(prod).toContainText('Healthy');
    await expect(prod).toContainText('2/3 ready');
    await expect(prod).toContainText('Unschedulable');

    // The Argo CD link goes to that environment's own Argo CD.
    const link = devA.getByRole('link', { name: 'Open in Argo CD (dev-a)' });
    await expect(link).toHaveAttribute(
      'href',
      `${ARGOCD_URL}/dev-a/applications/shop-backend`,
    );
    const ui = await page.request.get(
      `${ARGOCD_URL}/dev-a/applications/shop-backend`,
    );
    expect(ui.status()).toBe(200);
    expect(await ui.text()).toContain('Sync: Synced. Health: Degraded.');

    // Argo CD's own cards: both instances, sync and health, and the history.
    await expect(
      page.getByRole('heading', { name: 'Argo CD overview' }),
    ).toBeVisible();
    const argoRow = (instance: string) =>
      page
        .getByRole('row')
        .filter({ hasText: 'shop-backend' })
        .filter({ hasText: instance })
        .filter({ hasText: /ago$/ })
        .first();
    await expect(argoRow('dev-a')).toContainText('Synced');
    await expect(argoRow('dev-a')).toContainText('Degraded');
    await expect(argoRow('prod')).toContainText('Healthy');
    // History (the portal's own card; the Argo CD plugin's prints negative
    // durations): each deployment with its revision's commit and how long
    // it took (the stand-in's deploys take one minute).
    await expect(
      page.getByText('Argo CD history', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'ArgoCD history' }),
    ).toHaveCount(0);
    const history = page.getByRole('table', { name: 'Argo CD deploy history' });
    const deployed = history
      .getByRole('row')
      .filter({ hasText: 'ci(shop-backend): deploy image tag 2.3.0 to dev-a' })
      .first();
    await expect(deployed).toContainText('jenkins');
    await expect(deployed).toContainText('dev-a');
    await expect(deployed.locator('td[data-column="took"]')).toHaveText(
      '1m 00s',
    );
    const took = await history
      .locator('td[data-column="took"]')
      .allInnerTexts();
    expect(took.length).toBeGreaterThanOrEqual(5);
    expect(took.filter(t => t !== '1m 00s')).toEqual([]);

    // The latest Jenkins build of the service's job: #56 failed its tests.
    const latestBuild = latestBuildCard(page);
    await expect(latestBuild).toContainText('Failed');
    await expect(latestBuild).toContainText('shop » shop-backend');
    await expect(
      latestBuild.getByRole('link', { name: /See more on Jenkins/ }),
    ).toHaveAttribute('href', `${JENKINS_URL}/job/shop/job/shop-backend/56/`);

    // The deployment picture comes first and spans the page; the latest
    // build and Argo CD follow below it.
    const deploymentsBox = (await deployments.boundingBox())!;
    const buildBox = (await latestBuild.boundingBox())!;
    const argoBox = (await page
      .getByRole('heading', { name: 'Argo CD overview' })
      .boundingBox())!;
    expect(deploymentsBox.y).toBeLessThan(buildBox.y);
    expect(buildBox.y).toBeLessThan(argoBox.y);
    expect(deploymentsBox.width).toBeGreaterThan(buildBox.width * 1.2);
    await shot('service overview');

    // Cost of the service in each environment this month, once the cost
    // plugin's first collection (app-config.e2e.yaml: 15 s after start) is in.
    await expect(async () => {
      await page.reload();
      await expect(devA.locator('td[data-column="cost"]')).toContainText(
        /^\$[\d,]+\.\d{2}/,
        { timeout: 5_000 },
      );
    }).toPass({ timeout: 90_000 });
    await expect(prod.locator('td[data-column="cost"]')).toContainText(
      /^\$[\d,]+\.\d{2}/,
    );
    const money = async (row: typeof devA) => {
      const text = await row.locator('td[data-column="cost"]').innerText();
      return Number(/\$([\d,]+\.\d{2})/.exec(text)![1].replace(/,/g, ''));
    };
    // shop-backend mostly runs in prod (the stand-in's bill: 64% vs 14%).
    expect(await money(prod)).toBeGreaterThan((await money(devA)) * 3);
    await shot('service overview with cost');

    // CI/CD: the job with its latest build and tests, then its runs.
    await page.getByRole('link', { name: 'CI/CD', exact: true }).click();
    const job = page
      .getByRole('row')
      .filter({ hasText: 'shop » shop-backend' });
    await expect(job).toContainText('Failed');
    await expect(job).toContainText('209 / 214 passed (3 failed, 2 skipped)');
    await expect(job).toContainText('main');
    await shot('ci-cd tab');
    await job
      .getByRole('link')
      .filter({ has: page.getByTitle('View Runs') })
      .click();
    const run = (n: number) =>
      page.getByRole('row').filter({
        // The build number links to Jenkins ("56 , Opens in a new window").
        has: page.getByRole('link', { name: new RegExp(`^${n}\\b`) }),
      });
    await expect(run(56)).toContainText('Failed');
    await expect(run(55)).toContainText('Completed');
    await expect(run(53)).toContainText('Failed');
    await expect(run(52)).toContainText('Completed');
    await shot('ci-cd runs');

    // Kubernetes: the pods of each cluster, the failing one marked.
    await page.goto('/catalog/default/component/shop-backend/kubernetes');
    // Error reporting names the crash-looping pod of dev-a.
    const errorRow = page
      .getByRole('row')
      .filter({ hasText: 'container=shop-backend restarted 14 times' });
    await expect(errorRow).toContainText('dev-a');
    await expect(errorRow).toContainText(/shop-backend-7f9c8d6b4-\w+/);
    const devACluster = page.getByRole('button', { name: 'dev-a Cluster' });
    await expect(devACluster).toContainText('1 pod with errors');
    await expect(
      page.getByRole('button', { name: 'prod Cluster' }),
    ).toContainText('1 pod with errors');
    await shot('kubernetes tab');
  });

  test('the other example service shows a rollout stuck on an image pull and an OutOfSync app', async ({
    page,
    shot,
  }) => {
    await openAs(page, 'minsu.park', '/catalog/default/component/shop-web');
    const devA = page
      .getByRole('table', { name: 'Deployments by environment' })
      .locator('tr[data-environment="dev-a"]');
    await expect(devA).toContainText('OutOfSync');
    await expect(devA).toContainText('Progressing');
    await expect(devA).toContainText('ImagePullBackOff');
    // Its latest build is still running.
    const latestBuild = latestBuildCard(page);
    await expect(latestBuild).toContainText('In progress');
    await expect(latestBuild).toContainText('Running for');
    await shot('shop-web overview');
  });

  test('a cluster or Argo CD instance that is down is named on the page, the rest still shows', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    // The Argo CD backend answers 500 for the instance it cannot reach.
    allowConsoleErrors('500 (Internal Server Error)');
    await page.request.post(`${KUBERNETES_URL}/_sandbox/outage/prod`);
    await page.request.post(`${ARGOCD_URL}/_sandbox/outage/prod`);
    await page.request.post(`${JENKINS_URL}/__sandbox/outage`);
    try {
      await openAs(
        page,
        'minsu.park',
        '/catalog/default/component/shop-backend',
      );
      const table = page.getByRole('table', {
        name: 'Deployments by environment',
      });
      const prod = table.locator('tr[data-environment="prod"]');
      await expect(prod).toContainText('Argo CD of prod unreachable');
      await expect(prod).toContainText('Cluster prod unreachable');
      await expect(prod).toContainText('socket hang up');
      // dev-a is unaffected.
      await expect(table.locator('tr[data-environment="dev-a"]')).toContainText(
        'CrashLoopBackOff',
      );
      // Jenkins is down: the build card says so instead of spinning.
      const latestBuild = latestBuildCard(page);
      await expect(latestBuild).toContainText("Can't connect to Jenkins");
      await latestBuild.getByText("Can't connect to Jenkins").click();
      await expect(latestBuild.getByText(/socket hang up/)).toBeVisible();
      await shot('environment down');

      await page.goto('/catalog/default/component/shop-backend/ci-cd');
      await page.getByText("Can't connect to Jenkins").click();
      await expect(page.getByText(/socket hang up/).first()).toBeVisible();
      await shot('ci-cd tab with Jenkins down');

      await page.goto('/catalog/default/component/shop-backend/kubernetes');
      await page
        .getByText('There was a problem retrieving Kubernetes objects')
        .click();
      await expect(
        page
          .getByText(/Error communicating with Kubernetes: FETCH_ERROR/)
          .first(),
      ).toBeVisible();
      await shot('kubernetes tab with a cluster down');
    } finally {
      await page.request.delete(`${KUBERNETES_URL}/_sandbox/outage/prod`);
      await page.request.delete(`${ARGOCD_URL}/_sandbox/outage/prod`);
      await page.request.delete(`${JENKINS_URL}/__sandbox/outage`);
    }
  });

  test("an owner reruns the service's latest build from the CI/CD tab", async ({
    page,
    shot,
  }) => {
    // minsu.park is in developers, which owns shop-backend (jenkins.execute
    // is for owners and admins).
    await openAs(
      page,
      'minsu.park',
      '/catalog/default/component/shop-backend/ci-cd',
    );
    const job = page
      .getByRole('row')
      .filter({ hasText: 'shop » shop-backend' });
    const rerun = job.getByRole('button', { name: 'Rerun build' });
    await expect(rerun).toBeEnabled();
    try {
      await rerun.click();
      await expect(
        page.getByText('Jenkins re-build has successfully executed'),
      ).toBeVisible();
      // Jenkins got the replay of #56: a new build with the same parameters.
      await expect
        .poll(async () => {
          const res = await page.request.get(`${JENKINS_URL}/__sandbox/builds`);
          const { builds } = (await res.json()) as {
            builds: {
              job: string;
              number: number;
              parameters: Record<string, string>;
            }[];
          };
          return builds.filter(b => b.job === 'shop/shop-backend');
        })
        .toEqual([
          expect.objectContaining({
            number: 57,
            parameters: { IMAGE_TAG: '2.3.1', DEPLOY_ENVIRONMENTS: 'dev-a' },
          }),
        ]);
      await shot('rerun requested');
    } finally {
      await page.request.post(`${JENKINS_URL}/__sandbox/reset`);
    }
  });
});
