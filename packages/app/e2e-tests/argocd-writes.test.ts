import type { APIRequestContext } from '@playwright/test';
import { backstageToken, expect, signIn, test } from './fixtures';
// The same port table playwright.config.ts starts the stand-ins with.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { standInUrls } from '@internal/sandbox';

const STAND_INS = standInUrls(Number(process.env.E2E_PORT_BASE ?? 7100) + 10);
const ARGOCD_URL = STAND_INS.SANDBOX_ARGOCD_URL;

/** Every request that reached the Argo CD stand-in other than a read. */
async function argoWrites(request: APIRequestContext) {
  const res = await request.get(`${ARGOCD_URL}/_sandbox/requests`);
  expect(res.ok()).toBe(true);
  const recorded: { method: string; path: string }[] = await res.json();
  return recorded
    .filter(r => r.method !== 'GET' && r.method !== 'HEAD')
    .map(r => `${r.method} ${r.path}`);
}

/**
 * The Argo CD plugin's write routes, as a browser or script would call them.
 * Sync (allowed to owners and admins) changes the stand-in's example apps that
 * other browser tests read, so it is proven in the guard's own tests against
 * the real plugin and the stand-in.
 */
const WRITES: { method: string; path: string; data?: unknown }[] = [
  {
    method: 'DELETE',
    path: '/api/argocd/argoInstance/prod/applications/shop-backend',
  },
  {
    method: 'DELETE',
    path: '/api/argocd/argoInstance/prod/applications/shop-backend/operation',
  },
  {
    method: 'POST',
    path: '/api/argocd/createArgo',
    data: {
      clusterName: 'prod',
      namespace: 'shop',
      projectName: 'evil',
      appName: 'evil',
      sourceRepo: 'https://git.example/evil.git',
      sourcePath: '.',
      labelValue: 'evil',
    },
  },
  {
    method: 'PUT',
    path: '/api/argocd/updateArgo/shop-backend',
    data: { clusterName: 'prod', projectName: 'default' },
  },
];

test.describe('Argo CD through the portal', () => {
  test('reads are open; a developer and an admin are refused every create, update and delete, and nothing reaches Argo CD', async ({
    browser,
    request,
  }) => {
    await request.delete(`${ARGOCD_URL}/_sandbox/requests`);
    for (const username of ['minsu.park', 'jiyoung.kim']) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, username);
      const authorization = `Bearer ${await backstageToken(page)}`;

      // Reading stays open to everyone signed in.
      const read = await page.request.get(
        '/api/argocd/argoInstance/prod/applications/name/shop-backend',
        { headers: { authorization } },
      );
      expect(read.status(), `${username} reads`).toBe(200);

      for (const w of WRITES) {
        const res = await page.request.fetch(w.path, {
          method: w.method,
          headers: { authorization, 'content-type': 'application/json' },
          data: w.data,
        });
        expect(res.status(), `${username}: ${w.method} ${w.path}`).toBe(403);
      }
      await context.close();
    }
    // None of it reached Argo CD.
    expect(await argoWrites(request)).toEqual([]);
  });
});
