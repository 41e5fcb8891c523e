/*
 * Environments end to end, as people do it in the browser: create an EKS
 * environment with the create-environment template (the estimated monthly
 * cost shown and following the choices), watch the Jenkins stand-in's log
 * stream into the task, find the environment in the catalog, delete it as its
 * owner; and see a non-owner refused with nothing destroyed.
 */
import { type Page } from '@playwright/test';
import {
  backstageToken,
  expect,
  openAs,
  pickOption,
  signIn,
  test,
} from './fixtures';

const JENKINS_URL = process.env.SANDBOX_JENKINS_URL!;

/** `e2e-<random>`: a DNS label of at most 20 characters, new per run. */
function environmentName(prefix: string) {
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${random}`.slice(0, 20);
}

/** Create page -> a template's card -> its form. */
async function chooseTemplate(page: Page, title: string) {
  await page.goto('/create');
  // Cards nest in the group's card: the innermost one holding the title.
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

const nameField = (page: Page) => page.getByRole('textbox', { name: /^Name/ });
const nextButton = (page: Page) =>
  page.getByRole('button', { name: /^(Next|Review)$/ });
const estimate = (page: Page) =>
  page.getByRole('status', { name: 'Estimated monthly cost' });

/** Fills and submits create-environment; returns when the task page is open. */
async function createEnvironment(
  page: Page,
  shot: (name: string) => Promise<void>,
  name: string,
  owner: string,
  options: { checkEstimate?: boolean; ttlDays?: number } = {},
) {
  await chooseTemplate(page, 'Create an EKS environment');
  await nameField(page).fill(name);
  await pickOption(page, /Owner group/, owner);
  if (options.ttlDays !== undefined) {
    await page
      .getByRole('spinbutton', { name: /Time to live/ })
      .fill(String(options.ttlDays));
  }
  await nextButton(page).click();

  // Cluster step: the estimate is shown and follows the node count.
  await expect(estimate(page)).toBeVisible();
  if (options.checkEstimate) {
    // t3.large x 2 nodes, monitoring on: 73 + 121.47 + 7.20.
    await expect(estimate(page)).toContainText('$201.67 / month');
    await shot('create form with the estimate');
    await page.getByRole('spinbutton', { name: /Desired nodes/ }).fill('3');
    // One more t3.large node and its root volume: 73 + 182.21 + 8.80.
    await expect(estimate(page)).toContainText('$264.01 / month');
    await expect(estimate(page)).toContainText('3 x t3.large nodes');
    await shot('create form with the estimate after 3 nodes');
  }
  await nextButton(page).click();
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
}

/**
 * Opens the task's log view. A task that fails at once may open it by
 * itself, so this only clicks "Show Logs" when that is what the page offers.
 */
async function showLogs(page: Page) {
  const toggle = page.getByRole('button', { name: /^(Show|Hide) Logs$/i });
  await expect(toggle).toBeVisible();
  if (/show/i.test((await toggle.textContent()) ?? '')) await toggle.click();
}

/** Fills and submits delete-environment for `name`; returns with the task's log open. */
async function deleteEnvironment(page: Page, name: string) {
  await chooseTemplate(page, 'Delete an EKS environment');
  await pickOption(page, /^Environment/, name);
  await page
    .getByRole('textbox', { name: /Type the environment's name/ })
    .fill(name);
  await nextButton(page).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await showLogs(page);
}

/** Catalog list of Resources, filtered to `name`. */
async function findInCatalog(page: Page, name: string, type = 'environment') {
  await page.goto(
    `/catalog?filters%5Bkind%5D=resource&filters%5Btype%5D=${type}&filters%5Buser%5D=all`,
  );
  await page.getByPlaceholder('Search').fill(name);
  return page.getByRole('row').filter({ hasText: name });
}

/** The environment's recorded state and runs (GET /api/environments/environments/:name), as the signed-in user. */
async function history(page: Page, name: string) {
  const refresh = await page.request.get(
    '/api/auth/oidc/refresh?optional&env=development',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  const token = (await refresh.json()).backstageIdentity.token;
  const res = await page.request.get(
    `/api/environments/environments/${encodeURIComponent(name)}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    state: string;
    runs: {
      operation: string;
      requestedBy: string;
      result?: string;
      build?: { number: number; url: string };
    }[];
  };
}

/** Slows (or speeds up again) the Jenkins stand-in's log replay. */
async function jenkinsLineDelay(page: Page, lineDelayMs: number) {
  const res = await page.request.post(`${JENKINS_URL}/__sandbox/control`, {
    data: { lineDelayMs },
  });
  expect(res.ok()).toBe(true);
}

/**
 * In a second tab, the environment's page while its create pipeline runs:
 * it appears as soon as the IaC commit is in the catalog, provisioning, the
 * run listed as running with its console log following the build; then, as
 * the pipeline ends, ready and the run SUCCESS, without reloading.
 */
async function watchProvisioning(
  page: Page,
  name: string,
  shot: (name: string, of?: Page) => Promise<void>,
) {
  const tab = await page.context().newPage();
  const state = tab.getByRole('table', { name: 'Environment state' });
  await expect(async () => {
    await tab.goto(`/catalog/default/resource/${name}`);
    await expect(state).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await expect(state).toContainText('provisioning');
  const run = tab
    .getByRole('table', { name: 'Pipeline runs' })
    .getByRole('row')
    .nth(1);
  await expect(run).toContainText('create');
  await expect(run).toContainText('running');
  const log = tab.getByRole('log', { name: /^Console log of run \d+$/ });
  await expect(log).toContainText('[Pipeline]', { timeout: 60_000 });
  const before = (await log.textContent())!.length;
  await expect
    .poll(async () => (await log.textContent())!.length, { timeout: 30_000 })
    .toBeGreaterThan(before);
  await expect(
    tab.getByText(/The build is running: new lines appear/),
  ).toBeVisible();
  await shot('environment page while provisioning, with the live log', tab);
  // Let the rest of the build replay at the usual speed.
  await jenkinsLineDelay(page, 40);
  await expect(state).toContainText('ready', { timeout: 180_000 });
  await expect(run).toContainText('SUCCESS');
  await expect(log).toContainText('Finished: SUCCESS');
  await expect(tab.getByText(/The build is running/)).toHaveCount(0);
  await shot('environment page once ready', tab);
  await tab.close();
}

async function jenkinsBuilds(page: Page, name: string) {
  const res = await page.request.get(`${JENKINS_URL}/__sandbox/builds`);
  const body = (await res.json()) as {
    builds: { parameters: Record<string, string>; result: string | null }[];
  };
  return body.builds.filter(b => b.parameters.ENV_NAME === name);
}

test.describe.serial('environments', () => {
  // Builds replay a log and the catalog picks the result up: minutes, not seconds.
  test.setTimeout(300_000);

  const ownName = environmentName('e2e');
  const adminName = environmentName('e2e-adm');

  test('the example environments show their recorded state and pipeline runs', async ({
    page,
    shot,
  }) => {
    await signIn(page, 'minsu.park');
    // After start-up the backend runs each example's create pipeline through
    // the Jenkins stand-in (platform.environments.examples); until that run
    // is recorded the page may show no run yet, so look again.
    const runs = page.getByRole('table', { name: 'Pipeline runs' });
    await expect(async () => {
      await page.goto('/catalog/default/resource/dev-a');
      await expect(runs.getByRole('row').nth(1)).toContainText('SUCCESS', {
        timeout: 15_000,
      });
    }).toPass({ timeout: 180_000 });
    const state = page.getByRole('table', { name: 'Environment state' });
    await expect(state).toContainText('ready');
    await expect(state).not.toContainText('unknown');
    const run = runs.getByRole('row').nth(1);
    await expect(run).toContainText('create');
    await expect(run).toContainText('examples');
    await expect(run.getByRole('link', { name: /^#\d+/ })).toHaveAttribute(
      'href',
      new RegExp(`^${JENKINS_URL}/job/platform/job/environment/\\d+/$`),
    );
    await shot('dev-a with its state and runs');

    // Its cluster as declared in the IaC repository, with its tools.
    const cluster = page.getByRole('table', { name: 'Cluster' });
    await expect(cluster).toContainText(/Kubernetes version\s*1\.\d+/);
    await expect(page.getByTestId('cluster-node-group')).toContainText(
      /\S+, \d+ nodes \(\d+ to \d+\)/,
    );
    await expect(
      page.getByRole('link', { name: 'Argo CD', exact: true }),
    ).toHaveAttribute('href', /^http/);
    await expect(
      page.getByRole('link', { name: 'Jenkins job' }),
    ).toHaveAttribute('href', `${JENKINS_URL}/job/platform/job/environment/`);
    await cluster.scrollIntoViewIfNeeded();
    await shot('dev-a cluster');

    // The estimate its create request stored (catalog/environments.yaml for
    // the examples), to be compared with the bill of its first 7 days: it
    // became ready at start-up, so the comparison is still ahead.
    const estimateVsBill = page.getByTestId('estimate-status');
    await expect(estimateVsBill).toHaveText(
      /^Estimated \$264\.01 \/ month \(3 × t3\.large\)\. Its bill for .+ to .+ is compared with the estimate on .+\.$/,
    );
    await estimateVsBill.scrollIntoViewIfNeeded();
    await shot('dev-a estimate vs bill');

    // The SLOs of the services running in dev-a, from the cost plugin's
    // collection of its Prometheus (the first run may still be going).
    const sloCount = page.getByTestId('entity-slo-count');
    await expect(async () => {
      await page.goto('/catalog/default/resource/dev-a');
      await expect(sloCount).toBeVisible({ timeout: 15_000 });
    }).toPass({ timeout: 120_000 });
    await expect(sloCount).toHaveText(
      /^\d+ of [1-9]\d* services meet their SLO$/,
    );
    await expect(
      page.getByTestId('entity-uptime').filter({ hasText: 'Shop backend' }),
    ).toContainText(/SLO \d/);
    await sloCount.scrollIntoViewIfNeeded();
    await shot('dev-a SLOs of its services');

    // What runs in dev-a: the Argo CD applications of the shop's services,
    // with sync and health, linked to the services' pages.
    const apps = page.getByRole('table', {
      name: 'Argo CD applications in this environment',
    });
    const backend = apps.getByRole('row').filter({ hasText: 'Shop backend' });
    await expect(backend).toContainText('Degraded');
    await expect(
      apps.getByRole('row').filter({ hasText: 'Shop web' }),
    ).toHaveCount(1);
    await backend.scrollIntoViewIfNeeded();
    await shot('what runs in dev-a');
    await backend.getByRole('link', { name: 'Shop backend' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/shop-backend/);

    // Staging (a Resource of type environment) has its card and state too.
    await expect(async () => {
      await page.goto('/catalog/default/resource/staging');
      await expect(runs.getByRole('row').nth(1)).toContainText('SUCCESS', {
        timeout: 15_000,
      });
    }).toPass({ timeout: 180_000 });
    await expect(
      page.getByRole('table', { name: 'Environment state' }),
    ).toContainText('ready');
    await shot('staging with its state and runs');
  });

  test('a bad name is refused in the form', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    // RJSF logs the refused submit itself; that is the expected outcome here.
    allowConsoleErrors('Form validation failed');
    await signIn(page, 'minsu.park');
    await chooseTemplate(page, 'Create an EKS environment');
    await nameField(page).fill('Bad_Name;rm -rf');
    await pickOption(page, /Owner group/, 'developers');
    await nextButton(page).click();
    await expect(
      page.getByText(/Use lowercase letters, digits and hyphens/).first(),
    ).toBeVisible();
    await expect(page.getByText(/must match pattern/)).toHaveCount(0);
    // Still on the first step: nothing was submitted.
    await expect(nameField(page)).toBeVisible();
    await expect(estimate(page)).toHaveCount(0);
    await shot('bad name refused');
  });

  test('a developer creates an environment, watches the pipeline, finds it in the catalog and deletes it', async ({
    page,
    shot,
  }) => {
    await signIn(page, 'minsu.park');
    // Slow enough to see the environment's page while it is provisioned.
    await jenkinsLineDelay(page, 400);
    await createEnvironment(page, shot, ownName, 'developers', {
      checkEstimate: true,
    });
    try {
      await watchProvisioning(page, ownName, shot);
    } finally {
      await jenkinsLineDelay(page, 40);
    }

    // The Jenkins stand-in's log streams into the task while it runs.
    await showLogs(page);
    // Lines of the Jenkins console log, as the stand-in replays them (the
    // log view is virtualized and follows the tail: any [Pipeline] line).
    await expect(page.getByText(/info: \[Pipeline\]/).first()).toBeVisible({
      timeout: 60_000,
    });
    await shot('create task running');
    await expect(
      page.getByRole('link', { name: 'Open the environment' }),
    ).toBeVisible({ timeout: 180_000 });
    await expect(page.getByText('Finished: SUCCESS').first()).toBeVisible();
    await shot('create task succeeded');

    // The owners are told the pipeline finished (alerts → notifications).
    await page.goto('/notifications');
    await expect(
      page.getByText(`Environment ${ownName} creation finished`),
    ).toBeVisible({ timeout: 30_000 });
    await shot('notification after the environment task');

    // The catalog has its cluster for the Kubernetes view (resource:cluster/<name>)…
    await expect(
      await findInCatalog(page, ownName, 'kubernetes-cluster'),
    ).toHaveCount(1);
    // …and the environment: a Resource of type environment, owned by developers.
    const row = await findInCatalog(page, ownName);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('environment');
    await row.getByRole('link', { name: ownName }).click();
    await expect(
      page.getByText('environment', { exact: true }).first(),
    ).toBeVisible();
    await expect(page.getByText('developers').first()).toBeVisible();
    await shot('environment in the catalog');

    // Its page: status, last pipeline run, expiry; its owner extends the expiry.
    const state = page.getByRole('table', { name: 'Environment state' });
    await expect(state).toContainText('ready');
    await expect(
      state.getByRole('link', { name: 'Pipeline log' }),
    ).toHaveAttribute('href', new RegExp(`^${JENKINS_URL}/job/`));
    // The card writes the expiry in the user's language; <time> keeps ISO.
    const expiry = page.getByTestId('environment-expiry').locator('time');
    const before = Date.parse((await expiry.getAttribute('datetime')) ?? '');
    expect(before).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    await page.getByRole('button', { name: 'Extend by 7 days' }).click();
    await expect(page.getByText(/^Expiry extended to /)).toBeVisible();
    await expect(expiry).not.toHaveAttribute(
      'datetime',
      new Date(before).toISOString(),
    );
    const after = Date.parse((await expiry.getAttribute('datetime')) ?? '');
    // A week past the old expiry (whole days, so up to a day more).
    expect(after - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 60_000);
    expect(after - before).toBeLessThanOrEqual(8 * 24 * 3600_000);
    // The extension is a run of its own, listed first on the card.
    await expect(
      page
        .getByRole('table', { name: 'Pipeline runs' })
        .getByRole('row')
        .nth(1),
    ).toContainText('extend');
    await shot('environment card after extending');

    // Its history: the create run with its Jenkins build, then the extension.
    const recorded = await history(page, ownName);
    expect(recorded.state).toBe('ready');
    expect(
      recorded.runs.map(r => [r.operation, r.requestedBy, r.result, !!r.build]),
    ).toEqual([
      ['extend', 'user:default/minsu.park', 'SUCCESS', false],
      ['create', 'user:default/minsu.park', 'SUCCESS', true],
    ]);

    // Its owner deletes it, typing the name to confirm.
    await deleteEnvironment(page, ownName);
    await expect(page.getByRole('link', { name: 'Jenkins build' })).toBeVisible(
      { timeout: 180_000 },
    );
    await expect(page.getByText('Finished: SUCCESS').first()).toBeVisible();
    await shot('delete task succeeded');

    const builds = await jenkinsBuilds(page, ownName);
    expect(builds.map(b => [b.parameters.ACTION, b.result])).toEqual([
      ['apply', 'SUCCESS'],
      ['destroy', 'SUCCESS'],
    ]);
    await expect(await findInCatalog(page, ownName)).toHaveCount(0);
    // The list has loaded (not merely empty while loading).
    await expect(page.getByText('No records to display')).toBeVisible();
    await shot('environment gone from the catalog');
  });

  test("a platform admin creates an environment for a day, and extends it from the expiry warning's link", async ({
    page,
    shot,
  }) => {
    await signIn(page, 'jiyoung.kim');
    // The picker searches by display name: the group's title. One day to
    // live: inside the 48-hour warning window from the start.
    await createEnvironment(page, shot, adminName, 'Platform admins', {
      ttlDays: 1,
    });
    await showLogs(page);
    await expect(
      page.getByRole('link', { name: 'Open the environment' }),
    ).toBeVisible({ timeout: 180_000 });
    await expect(await findInCatalog(page, adminName)).toHaveCount(1);

    // The expiry task (every minute) warns the owners; the notification
    // links to the environment's page with the extend dialog open.
    const warning = page.getByRole('link', {
      name: `Environment ${adminName} expires soon`,
    });
    await expect(async () => {
      await page.goto('/notifications');
      await expect(warning).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 180_000 });
    await shot('expiry warning in notifications');
    await warning.click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/resource/${adminName}\\?extend=1$`),
    );
    const dialog = page.getByRole('dialog', { name: 'Extend the expiry' });
    await expect(dialog).toContainText(`Extend ${adminName} by 7 days?`);
    await shot('extend dialog opened from the warning');
    const expiry = page.getByTestId('environment-expiry').locator('time');
    const before = Date.parse((await expiry.getAttribute('datetime')) ?? '');
    expect(before).toBeLessThan(Date.now() + 24 * 3600_000 + 60_000);
    await dialog.getByRole('button', { name: 'Extend', exact: true }).click();
    await expect(page.getByText(/^Expiry extended to /)).toBeVisible();
    await expect(expiry).not.toHaveAttribute(
      'datetime',
      new Date(before).toISOString(),
    );
    const after = Date.parse((await expiry.getAttribute('datetime')) ?? '');
    // A week past the old expiry: 8 whole days from now.
    expect(after - Date.now()).toBeGreaterThan(7 * 24 * 3600_000);
    expect(after - Date.now()).toBeLessThanOrEqual(8 * 24 * 3600_000);
    await shot('expiry extended from the warning');
  });

  test('a developer may not delete an environment of platform-admins', async ({
    page,
    shot,
  }) => {
    await signIn(page, 'minsu.park');
    await deleteEnvironment(page, adminName);
    await expect(
      page
        .getByText(
          `user:default/minsu.park may not change environment ${adminName}: only its owner group:default/platform-admins and platform admins may`,
        )
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    await shot('delete refused for a non-owner');

    // Nothing destroyed: no destroy build, still in the catalog.
    const builds = await jenkinsBuilds(page, adminName);
    expect(builds.map(b => b.parameters.ACTION)).toEqual(['apply']);
    await expect(await findInCatalog(page, adminName)).toHaveCount(1);
    await shot('environment still in the catalog');

    // Not its owner: its page offers no extension.
    await (await findInCatalog(page, adminName))
      .getByRole('link', { name: adminName })
      .click();
    await expect(
      page.getByRole('table', { name: 'Environment state' }),
    ).toContainText('ready');
    await expect(
      page.getByRole('button', { name: 'Extend by 7 days' }),
    ).toHaveCount(0);
  });

  test('its owner pauses the environment to zero nodes and resumes it; two resumes at once start one run', async ({
    page,
    shot,
  }) => {
    await openAs(page, 'jiyoung.kim', `/catalog/default/resource/${adminName}`);
    const state = page.getByRole('table', { name: 'Environment state' });
    const latest = page
      .getByRole('table', { name: 'Pipeline runs' })
      .getByRole('row')
      .nth(1);
    await expect(state).toContainText('ready');
    // t3.large nodes at zero: the EKS control plane is what is left to pay.
    await expect(page.getByTestId('paused-cost')).toContainText(
      '$73.00 / month',
    );
    await page.getByRole('button', { name: 'Pause environment' }).click();
    // The pause card's run shows on the environment card at once.
    await expect(latest).toContainText('pause');
    await expect(state).toContainText('paused', { timeout: 120_000 });
    await expect(latest).toContainText('SUCCESS');
    await page.reload();
    await expect(page.getByTestId('cluster-node-group')).toContainText(
      'paused: scaled to 0 nodes (1 to 3 when resumed)',
    );
    await expect(
      page.getByRole('button', { name: 'Resume environment' }),
    ).toBeVisible();
    await shot('paused environment');

    // Two admins' clicks at the same moment: one resume run, one refusal.
    const token = await backstageToken(page);
    const resume = () =>
      page.request.post(`/api/environments/environments/${adminName}/resume`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    const answers = await Promise.all([resume(), resume()]);
    expect(answers.map(a => a.status()).sort()).toEqual([202, 409]);
    await expect(async () => {
      await page.reload();
      await expect(state).toContainText('ready', { timeout: 5_000 });
    }).toPass({ timeout: 120_000 });
    await expect(latest).toContainText('resume');
    await expect(latest).toContainText('SUCCESS');
    await expect(page.getByTestId('cluster-node-group')).toContainText(
      't3.large, 2 nodes (1 to 3)',
    );
    const recorded = await history(page, adminName);
    expect(recorded.runs.map(r => r.operation).slice(0, 3)).toEqual([
      'resume',
      'pause',
      'extend',
    ]);
    const builds = await jenkinsBuilds(page, adminName);
    expect(builds).toHaveLength(3);
    await shot('resumed environment');
  });
});
