/*
 * Sign-in through Keycloak (the stand-in in packages/sandbox speaks the same
 * protocol) and the ways sign-in must fail: each refused case says why and
 * leaves no portal session (refresh-token cookie) behind.
 */
import crypto from 'node:crypto';
import type { BrowserContext } from '@playwright/test';
import {
  expect,
  examplePassword,
  openAs,
  sidebarLink,
  signIn,
  submitKeycloakLogin,
  test,
} from './fixtures';

// Set by playwright.config.ts for the backend and the tests alike.
const KEYCLOAK_URL = process.env.SANDBOX_KEYCLOAK_URL!;

async function portalSessionCookies(context: BrowserContext) {
  return (await context.cookies()).filter(c =>
    c.name.includes('refresh-token'),
  );
}

/** A Backstage-looking JWT signed with a key the portal never issued. */
function forgedToken(claims: Record<string, unknown>) {
  const { privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const header = Buffer.from(
    JSON.stringify({ alg: 'ES256', typ: 'vnd.backstage.user', kid: 'forged' }),
  ).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = crypto
    .sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    })
    .toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** What the auth backend's callback page posts back to the app. */
function authResponse(html: string) {
  const encoded = html.match(/authResponse = decodeURIComponent\('([^']*)'\)/);
  return JSON.parse(decodeURIComponent(encoded![1]));
}

/** The auth backend's OAuth state encoding (hex of a query string). */
function encodeState(state: Record<string, string>) {
  return Buffer.from(new URLSearchParams(state).toString()).toString('hex');
}

test.describe('sign-in with Keycloak', () => {
  test('an example user signs in, sees their name and groups, and signs out', async ({
    page,
    context,
    shot,
  }) => {
    await page.goto('/');
    await expect(
      page.getByText('Sign in with your company account'),
    ).toBeVisible();
    await shot('sign-in page');

    await signIn(page, 'daniel.cho');
    expect(await portalSessionCookies(context)).toHaveLength(1);

    await page.goto('/settings');
    await expect(page.getByText('Daniel Cho').first()).toBeVisible();
    await expect(
      page.getByText('daniel.cho@acme.example').first(),
    ).toBeVisible();
    await shot('settings');

    await page.goto('/catalog/default/user/daniel.cho');
    await expect(page.getByText('Daniel Cho').first()).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Platform admins' }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Developers' }).first(),
    ).toBeVisible();
    await shot('user profile with groups');

    await page.goto('/settings');
    await page.getByRole('button', { name: /more/i }).first().click();
    await page.getByRole('menuitem', { name: /sign out/i }).click();
    await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
    expect(await portalSessionCookies(context)).toHaveLength(0);
    // A reload does not bring the session back.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
    await shot('signed out');
  });

  test('signing out also signs out of Keycloak: the next sign-in asks for a password, and another person can sign in', async ({
    page,
    context,
    shot,
    baseURL,
  }) => {
    await openAs(page, 'minsu.park', '/settings');
    await expect(page.getByText('Minsu Park').first()).toBeVisible();

    const logoutRequests: URL[] = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/protocol/openid-connect/logout')) {
        logoutRequests.push(url);
      }
    });
    await page.getByRole('button', { name: /more/i }).first().click();
    await page.getByRole('menuitem', { name: /sign out/i }).click();

    // Through Keycloak's end-session endpoint and back to the portal's
    // sign-in page, without a "Do you want to log out?" stop on the way.
    await expect(page.getByRole('button', { name: 'Sign In' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(logoutRequests.map(u => `${u.origin}${u.pathname}`)).toEqual([
      `${KEYCLOAK_URL}/realms/platform/protocol/openid-connect/logout`,
    ]);
    const params = logoutRequests[0].searchParams;
    expect(params.get('client_id')).toBe('backstage');
    expect(params.get('post_logout_redirect_uri')).toBe(baseURL);
    expect(params.get('id_token_hint')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await portalSessionCookies(context)).toHaveLength(0);
    await shot('back on the sign-in page');

    // Sign in again: Keycloak has no session left, so it asks who you are.
    const popupOpened = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Sign In' }).click();
    const popup = await popupOpened;
    await expect(popup.getByLabel('Password')).toBeVisible();
    await expect(sidebarLink(page, 'Catalog')).toBeHidden();
    await popup.screenshot({
      path: 'e2e-screenshots/sign-in with Keycloak - signing out also signs out of Keycloak - password asked again.png',
    });

    await popup.getByLabel('Username or email').fill('sora.lee');
    await popup.getByLabel('Password').fill(examplePassword('sora.lee'));
    await popup.getByRole('button', { name: 'Sign In' }).click();
    await expect(sidebarLink(page, 'Catalog')).toBeVisible();
    await page.goto('/settings');
    await expect(page.getByText('Sora Lee').first()).toBeVisible();
    await expect(page.getByText('Minsu Park')).toHaveCount(0);
    await shot('signed in as another person');
  });

  test('a wrong password is refused by Keycloak', async ({
    page,
    context,
    shot,
  }) => {
    const popup = await submitKeycloakLogin(
      page,
      'minsu.park',
      'not-the-password',
    );
    await expect(popup.getByRole('alert')).toHaveText(
      'Invalid username or password.',
    );
    await popup.screenshot({
      path: 'e2e-screenshots/sign-in with Keycloak - wrong password - login form.png',
    });
    await popup.close();
    await expect(sidebarLink(page, 'Catalog')).toBeHidden();
    expect(await portalSessionCookies(context)).toHaveLength(0);
    await shot('still signed out');
  });

  test('a Keycloak user with no User in the catalog is refused, saying so', async ({
    page,
    context,
    shot,
    allowConsoleErrors,
  }) => {
    allowConsoleErrors('the portal has no user for that account');
    await submitKeycloakLogin(page, 'yuna.han', examplePassword('yuna.han'));
    await expect(
      page.getByText(
        /Signed in to Keycloak as yuna.han, but the portal has no user for that account/,
      ),
    ).toBeVisible();
    await expect(sidebarLink(page, 'Catalog')).toBeHidden();
    expect(await portalSessionCookies(context)).toHaveLength(0);
    await shot('refused');
  });
});

test.describe('the backend refuses', () => {
  test('API calls without a token, with a forged or expired one, or one from another issuer', async ({
    request,
    baseURL,
  }) => {
    const entities = (token?: string) =>
      request.get('/api/catalog/entities', {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    expect((await entities()).status()).toBe(401);
    expect((await entities('not-a-token')).status()).toBe(401);

    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: `${baseURL}/api/auth`,
      sub: 'user:default/jiyoung.kim',
      ent: ['user:default/jiyoung.kim', 'group:default/platform-admins'],
      aud: 'backstage',
      iat: now - 60,
      exp: now + 3600,
    };
    const forged = await entities(forgedToken(claims));
    expect(forged.status()).toBe(401);
    expect(await forged.text()).toMatch(/AuthenticationError/);
    expect(
      (
        await entities(
          forgedToken({ ...claims, iat: now - 7200, exp: now - 3600 }),
        )
      ).status(),
    ).toBe(401);

    // A genuine token, but issued by Keycloak, not by the portal.
    const keycloakToken = await request.post(
      `${KEYCLOAK_URL}/realms/platform/protocol/openid-connect/token`,
      {
        form: {
          grant_type: 'client_credentials',
          client_id: 'backstage-catalog-sync',
          client_secret: 'local-dev-only-catalog-sync-secret',
        },
      },
    );
    expect(keycloakToken.ok()).toBe(true);
    const { access_token } = await keycloakToken.json();
    expect((await entities(access_token)).status()).toBe(401);
  });

  test('a sign-in callback with a wrong state, leaving no session', async ({
    request,
  }) => {
    // Start a real flow: the backend sets its nonce cookie and sends us to Keycloak.
    const start = await request.get(
      '/api/auth/oidc/start?env=development&scope=openid',
      {
        maxRedirects: 0,
      },
    );
    expect(start.status()).toBe(302);
    expect(start.headers().location).toContain(
      `${KEYCLOAK_URL}/realms/platform/protocol/openid-connect/auth`,
    );

    const callback = await request.get(
      `/api/auth/oidc/handler/frame?code=stolen-code&state=${encodeState({
        nonce: 'attacker-nonce',
        env: 'development',
      })}`,
    );
    expect(authResponse(await callback.text())).toEqual({
      type: 'authorization_response',
      error: { name: 'NotAllowedError', message: 'Invalid nonce' },
    });
    expect(callback.headers()['set-cookie'] ?? '').not.toContain(
      'refresh-token',
    );

    const garbage = await request.get(
      '/api/auth/oidc/handler/frame?code=stolen-code&state=zz',
    );
    // A state that is not one the portal issued is refused outright.
    expect(garbage.status()).toBe(403);
    expect(await garbage.text()).not.toContain('backstageIdentity');
    expect(garbage.headers()['set-cookie'] ?? '').not.toContain(
      'refresh-token',
    );

    // Nothing to refresh: no session was created.
    const refresh = await request.get(
      '/api/auth/oidc/refresh?env=development',
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      },
    );
    expect(refresh.status()).toBe(401);
  });

  test('an open redirect through the sign-in return URL', async ({
    request,
  }) => {
    /** Starts sign-in with `query`; expects a 403 saying `reason`. */
    const refusedStart = async (query: string, reason: string) => {
      const res = await request.get(
        `/api/auth/oidc/start?env=development&${query}`,
        { maxRedirects: 0 },
      );
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain(reason);
      return res;
    };
    const redirect = await refusedStart(
      'flow=redirect&redirectUrl=https%3A%2F%2Fevil.example%2Fphish',
      'Redirect URL is not an allowed origin',
    );
    expect(redirect.headers().location).toBeUndefined();
    await refusedStart(
      'origin=https%3A%2F%2Fevil.example',
      "Origin 'https://evil.example' is not allowed",
    );

    // Keycloak itself only sends codes to the registered redirect URIs.
    const idp = await request.get(
      `${KEYCLOAK_URL}/realms/platform/protocol/openid-connect/auth?client_id=backstage&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(
        'https://evil.example/callback',
      )}`,
      { maxRedirects: 0 },
    );
    expect(idp.status()).toBe(400);
    expect(await idp.text()).toMatch(/redirect_uri did not match/);
  });
});
