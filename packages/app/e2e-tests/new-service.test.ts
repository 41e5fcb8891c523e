import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, pickOption, signIn, test, type Page } from './fixtures';

// The bare repositories the template publishes to in this run
// (playwright.config.ts, app-config.e2e.yaml newService.git).
const GIT_DIR = process.env.E2E_GIT_DIR!;

async function openTemplate(page: Page) {
  await page.goto('/create');
  // The innermost card whose heading is the template's title (several
  // templates are listed; cards nest Paper elements).
  const card = page
    .locator('.MuiCard-root')
    .filter({
      has: page.getByRole('heading', { name: 'New service', exact: true }),
    })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
}

async function fillFirstPage(page: Page, name: string) {
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Orders API for the shop');
  await pickOption(page, /^Owner/, 'developers');
}

test.describe('new-service template', () => {
  test('creates a Node.js backend from the form: repositories, manifests and catalog entity', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    // The catalog reads the new entity from Git on its own schedule: the
    // entity page may ask for it once before it is ingested (a 404), then
    // shows it.
    allowConsoleErrors('404 (Not Found)');
    const name = `orders-${Date.now().toString(36)}`;
    // Its Argo CD Applications and Jenkins job exist once Argo CD's
    // app-of-apps and the Jenkins seed job read the pushed repositories;
    // until then the Argo CD and Jenkins backend plugins answer 500 for them.
    allowConsoleErrors(
      new RegExp(
        `500 .*@ .*/api/argocd/argoInstance/[a-z0-9-]+/applications/name/${name}$`,
      ),
      new RegExp(
        `500 .*@ .*/api/jenkins/v1/entity/default/Component/${name}/projects$`,
      ),
    );
    await signIn(page, 'minsu.park');
    await openTemplate(page);
    await shot('form');
    await fillFirstPage(page, name);
    await page.getByRole('radio', { name: /Node\.js backend/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: 'prod' }).check();
    await expect(page.getByRole('checkbox', { name: 'dev-a' })).toBeChecked();
    await page.getByRole('button', { name: 'Review' }).click();
    await shot('review');
    await page.getByRole('button', { name: 'Create' }).click();

    await expect(
      page.getByRole('link', { name: 'Open in catalog' }),
    ).toBeVisible({ timeout: 60_000 });
    await shot('task succeeded');

    // What was pushed: the skeleton's own tests pass, manifests and Argo CD Applications per environment.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-newsvc-'));
    try {
      execFileSync('git', [
        'clone',
        '-q',
        path.join(GIT_DIR, 'apps', `${name}.git`),
        `${work}/app`,
      ]);
      const tests = execFileSync(process.execPath, ['--test'], {
        cwd: `${work}/app`,
        encoding: 'utf8',
      });
      expect(tests).toMatch(/ℹ fail 0/);
      const entity = parseYaml(
        fs.readFileSync(`${work}/app/catalog-info.yaml`, 'utf8'),
      );
      expect(entity.metadata.annotations['argocd/app-name']).toBe(name);
      expect(entity.spec.owner).toMatch(/developers/);

      execFileSync('git', [
        'clone',
        '-q',
        path.join(GIT_DIR, 'manifests.git'),
        `${work}/manifests`,
      ]);
      const { Deployment } = await import('kubernetes-models/apps/v1');
      for (const environment of ['dev-a', 'prod']) {
        const deployment = parseYaml(
          fs.readFileSync(
            `${work}/manifests/apps/${name}/${environment}/deployment.yaml`,
            'utf8',
          ),
        );
        new Deployment(deployment).validate();
        const application = parseYaml(
          fs.readFileSync(
            `${work}/manifests/argocd/${environment}/${name}.yaml`,
            'utf8',
          ),
        );
        expect(application.spec.source.path).toBe(
          `apps/${name}/${environment}`,
        );
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }

    // The new entity is in the catalog (the catalog reads it back from the Git remote).
    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible({
      timeout: 60_000,
    });
    await shot('entity in catalog');
  });

  test('refuses an invalid name in the form', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    // The scaffolder form logs the refused validation itself.
    allowConsoleErrors('Form validation failed');
    await signIn(page, 'minsu.park');
    await openTemplate(page);
    await fillFirstPage(page, 'Orders_API');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.locator('#root_name__error')).toContainText(
      'Use lowercase letters, digits and hyphens',
    );
    await expect(page.locator('#root_name__error')).not.toContainText(
      'must match pattern',
    );
    await expect(page.getByRole('checkbox', { name: 'dev-a' })).toHaveCount(0);
    await shot('invalid name');
  });

  test('refuses a name that already exists, with a clear message, and pushes nothing', async ({
    page,
    shot,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors(/already exists in the catalog/);
    await signIn(page, 'minsu.park');
    await openTemplate(page);
    await fillFirstPage(page, 'shop-web');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(
      page
        .getByText(
          'The name shop-web is taken: component:default/shop-web already exists in the catalog',
        )
        .first(),
    ).toBeVisible({ timeout: 60_000 });
    await shot('name taken');
    expect(fs.existsSync(path.join(GIT_DIR, 'apps', 'shop-web.git'))).toBe(
      false,
    );
  });
});
