import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { errors, type Configuration } from 'oidc-provider';
import type { StandIn } from '../StandIn.ts';
import { listen, readBody, sendText } from '../http.ts';
import { handleAdminRequest, send as sendJson } from './adminApi.ts';
import { createSigningKey, verifyJwt } from './jwt.ts';
import { loginPage } from './loginPage.ts';
import { logoutConfirmPage, loggedOutPage } from './logoutPage.ts';
import {
  checkPassword,
  loadRealm,
  people,
  postLogoutRedirectUris,
  userGroups,
  type RealmExport,
} from './realm.ts';

/**
 * Keycloak, played by `oidc-provider` (a certified OpenID Provider) at
 * Keycloak's URL layout, plus the admin REST API the catalog module reads.
 * Realm, clients and users come from the realm export in infra/keycloak/.
 *
 *   {url}/realms/{realm}/.well-known/openid-configuration
 *   {url}/realms/{realm}/protocol/openid-connect/{auth,token,userinfo,certs,logout}
 *   {url}/realms/{realm}/login-actions/{uid}          (login form)
 *   {url}/admin/realms/{realm}/users, /groups, ...     (admin REST, bearer token)
 */

/** The audience of admin API tokens (Keycloak's realm-management client). */
const ADMIN_AUDIENCE = 'realm-management';

/** A login form; the stand-in drops one over 10,000 bytes. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req, { limit: 10_000 }));
}

function createKeycloakProvider(
  realm: RealmExport,
  url: string,
): { provider: Provider; publicKey: import('node:crypto').KeyObject } {
  const issuer = `${url}/realms/${realm.realm}`;
  const { jwk, publicKey } = createSigningKey();
  const adminResource = `${url}/admin/realms/${realm.realm}`;
  const serviceAccountClients = new Set(
    realm.clients.filter(c => c.serviceAccountsEnabled).map(c => c.clientId),
  );

  const clients: Configuration['clients'] = realm.clients
    .filter(c => c.enabled && !c.publicClient)
    .map(c =>
      c.serviceAccountsEnabled
        ? {
            client_id: c.clientId,
            client_secret: c.secret!,
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
            // keycloak-admin-client sends the secret in the form body.
            token_endpoint_auth_method: 'client_secret_post',
          }
        : {
            client_id: c.clientId,
            client_secret: c.secret!,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            redirect_uris: c.redirectUris ?? [],
            post_logout_redirect_uris: postLogoutRedirectUris(c),
            token_endpoint_auth_method: 'client_secret_basic',
          },
    );

  const configuration: Configuration = {
    clients,
    jwks: { keys: [jwk as any] },
    cookies: { keys: ['keycloak-stand-in-cookie-key'] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
    pkce: { required: () => false },
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      userinfo: '/protocol/openid-connect/userinfo',
      jwks: '/protocol/openid-connect/certs',
      end_session: '/protocol/openid-connect/logout',
      revocation: '/protocol/openid-connect/revoke',
      introspection: '/protocol/openid-connect/token/introspect',
    },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      ClientCredentials: 300,
      IdToken: 300,
      Interaction: 600,
      Session: 36000,
      Grant: 36000,
      RefreshToken: 36000,
    },
    // Keycloak issues a refresh token with every code exchange.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // Keycloak ends the SSO session at once when the request carries an
        // id_token_hint (already validated here), and asks "Do you want to
        // log out?" when it does not. It offers no "stay signed in" choice:
        // confirming ends the whole SSO session (logout=yes).
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutConfirmPage({
            realmTitle: realm.displayName ?? realm.realm,
            form,
            confirmAutomatically: Boolean(ctx.oidc.params?.id_token_hint),
          });
        },
        postLogoutSuccessSource: async ctx => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(realm.displayName ?? realm.realm);
        },
      },
      revocation: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Admin API tokens are JWTs (Keycloak's always are; the catalog
        // module reads their `exp`); sign-in access tokens stay for userinfo.
        defaultResource: async (_ctx, client) =>
          client && serviceAccountClients.has(client.clientId)
            ? adminResource
            : undefined!,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (
            resource !== adminResource ||
            !serviceAccountClients.has(client.clientId)
          ) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: 'openid',
            audience: ADMIN_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 300,
          };
        },
      },
    },
    // First-party client: Keycloak asks no consent ("Consent required" off).
    loadExistingGrant: async ctx => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ||
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid offline_access profile email groups');
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, id) => {
      const user = people(realm).find(u => u.id === id && u.enabled);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          preferred_username: user.username,
          name: [user.firstName, user.lastName].filter(Boolean).join(' '),
          given_name: user.firstName,
          family_name: user.lastName,
          email: user.email,
          email_verified: user.emailVerified ?? false,
          groups: userGroups(realm, user).map(g => g.path),
        }),
      };
    },
    interactions: {
      url: (_ctx, interaction) =>
        `/realms/${realm.realm}/login-actions/${interaction.uid}`,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html><body><h1>We are sorry...</h1><p>${String(
        out.error_description ?? out.error,
      ).replace(/[<>&]/g, '')}</p></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  return { provider, publicKey };
}

async function handleLogin(
  realm: RealmExport,
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
) {
  // Throws (SessionNotFound) when the interaction cookie is missing or stale.
  const details = await provider.interactionDetails(req, res);
  const realmTitle = realm.displayName ?? realm.realm;
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant; finish any other prompt as is.
    await provider.interactionFinished(
      req,
      res,
      {},
      { mergeWithLastSubmission: true },
    );
    return;
  }
  if (req.method === 'GET') {
    sendText(res, 200, loginPage({ realmTitle, action }));
    return;
  }
  const form = await readForm(req);
  const username = (form.get('username') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const user = people(realm).find(
    u => u.username === username || u.email?.toLowerCase() === username,
  );
  const refuse = (error: string) =>
    sendText(res, 200, loginPage({ realmTitle, action, username, error }));
  // One message for unknown user and wrong password, as Keycloak does.
  if (!user || !checkPassword(user, password)) {
    refuse('Invalid username or password.');
    return;
  }
  if (!user.enabled) {
    refuse('Account is disabled, contact your administrator.');
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.id } },
    { mergeWithLastSubmission: false },
  );
}

export function keycloakStandIn(realmFile?: string): StandIn {
  return {
    name: 'keycloak',
    description:
      'Keycloak: OpenID Provider (realm platform) and admin REST API',
    start: ({ host, port, url }) => {
      const realm = loadRealm(realmFile);
      const { provider, publicKey } = createKeycloakProvider(realm, url);
      const realmPrefix = `/realms/${realm.realm}`;
      const issuer = `${url}${realmPrefix}`;
      const oidc = provider.callback();

      const server = http.createServer((req, res) => {
        const reqUrl = new URL(req.url ?? '/', url);
        const path = reqUrl.pathname;
        const fail = (error: unknown) => {
          const message = (error as Error).message ?? String(error);
          if (!res.headersSent) {
            res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          }
          res.end(`<!doctype html><p>${message.replace(/[<>&]/g, '')}</p>`);
        };

        if (path.startsWith(`${realmPrefix}/login-actions/`)) {
          handleLogin(realm, provider, req, res, path).catch(fail);
          return;
        }
        if (path.startsWith('/admin/')) {
          const auth = req.headers.authorization ?? '';
          const claims = auth.startsWith('Bearer ')
            ? verifyJwt(auth.slice(7), publicKey, {
                issuer,
                audience: ADMIN_AUDIENCE,
              })
            : undefined;
          if (!claims) {
            sendJson(res, 401, { error: 'HTTP 401 Unauthorized' });
            return;
          }
          const account = realm.users.find(
            u => u.serviceAccountClientId === claims.client_id,
          );
          const roles = account?.clientRoles?.['realm-management'] ?? [];
          handleAdminRequest(realm, req, res, reqUrl, { roles });
          return;
        }
        if (
          path === `${realmPrefix}/protocol/openid-connect/logout` &&
          reqUrl.searchParams.has('post_logout_redirect_uri') &&
          !reqUrl.searchParams.has('client_id') &&
          !reqUrl.searchParams.has('id_token_hint')
        ) {
          // Keycloak refuses a return address it cannot tie to a client;
          // oidc-provider would silently drop it instead.
          sendText(
            res,
            400,
            '<!doctype html><html><body><h1>We are sorry...</h1><p>Missing parameters: id_token_hint</p></body></html>',
          );
          return;
        }
        if (path === realmPrefix || path.startsWith(`${realmPrefix}/`)) {
          // Mounted like express' app.use(prefix): oidc-provider derives the
          // mount path from originalUrl minus url.
          (req as IncomingMessage & { originalUrl?: string }).originalUrl =
            req.url;
          req.url = req.url!.slice(realmPrefix.length) || '/';
          oidc(req, res);
          return;
        }
        sendJson(res, 404, { error: 'Realm not found.' });
      });
      return listen({ host, port }, server);
    },
  };
}
