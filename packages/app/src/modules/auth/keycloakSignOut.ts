import type {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
  OpenIdConnectApi,
} from '@backstage/frontend-plugin-api';

/**
 * Wraps the identity the sign-in page hands to the app so that "Sign out" also
 * ends the user's Keycloak SSO session (OpenID Connect RP-Initiated Logout).
 *
 * Backstage's own sign-out runs first and unchanged: it revokes the refresh
 * token and clears the portal's session cookie. Then the browser goes to
 * Keycloak's end-session endpoint, which ends the SSO session and sends it
 * back to the portal's sign-in page; without this, the next "Sign in" logs the
 * same person in again without asking for a password.
 */
export function withKeycloakSignOut(
  identityApi: IdentityApi,
  deps: {
    authApi: OpenIdConnectApi;
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Sends the browser to `url`; a test passes its own. */
    navigate?: (url: string) => void;
  },
): IdentityApi {
  const { authApi, discoveryApi, fetchApi } = deps;
  const navigate = deps.navigate ?? (url => window.location.assign(url));

  async function endSessionUrl(): Promise<string | undefined> {
    // The auth backend reads the endpoint from Keycloak's discovery document
    // (plugins/auth-backend-module-keycloak-provider).
    const response = await fetchApi.fetch(
      `${await discoveryApi.getBaseUrl('auth')}/oidc/end-session`,
    );
    if (!response.ok) return undefined;
    const { url } = (await response.json()) as { url: string };
    return url;
  }

  return {
    getProfileInfo: () => identityApi.getProfileInfo(),
    getBackstageIdentity: () => identityApi.getBackstageIdentity(),
    getCredentials: () => identityApi.getCredentials(),
    async signOut() {
      // Both are needed before the portal session ends: afterwards there is
      // no ID token left to send as id_token_hint. With the hint Keycloak
      // logs out at once; without it, it asks "Do you want to log out?".
      const [url, idToken] = await Promise.all([
        endSessionUrl().catch(() => undefined),
        authApi.getIdToken({ optional: true }).catch(() => ''),
      ]);
      await identityApi.signOut();
      if (!url) {
        // Keycloak cannot be reached: the portal session is gone anyway, and
        // the app goes to its sign-in page as Backstage does by itself.
        return;
      }
      const endSession = new URL(url);
      if (idToken) endSession.searchParams.set('id_token_hint', idToken);
      navigate(endSession.toString());
      // Once signOut resolves, the app sends the browser to its own root,
      // which would cancel the navigation to Keycloak: the page is leaving,
      // so this never resolves.
      await new Promise<never>(() => {});
    },
  };
}
