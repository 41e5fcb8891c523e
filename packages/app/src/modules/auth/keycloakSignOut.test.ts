import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { withKeycloakSignOut } from './keycloakSignOut';

const END_SESSION =
  'https://sso.example.com/realms/platform/protocol/openid-connect/logout?client_id=backstage&post_logout_redirect_uri=https%3A%2F%2Fportal.example.com';

function setup(options: { endSession: Response | Error; idToken?: string }) {
  const events: string[] = [];
  const identityApi = {
    signOut: jest.fn(async () => {
      events.push('portal sign-out');
    }),
  } as unknown as IdentityApi;
  const wrapped = withKeycloakSignOut(identityApi, {
    authApi: {
      getIdToken: jest.fn(async () => {
        events.push('id token read');
        return options.idToken ?? '';
      }),
    },
    discoveryApi: {
      getBaseUrl: async () => 'https://portal.example.com/api/auth',
    },
    fetchApi: {
      fetch: jest.fn(async (url: string) => {
        events.push(`fetch ${url}`);
        if (options.endSession instanceof Error) throw options.endSession;
        return options.endSession;
      }),
    } as any,
    navigate: url => events.push(`navigate ${url}`),
  });
  return { wrapped, events };
}

/** Whether `promise` settles within a few ticks. */
async function settles(promise: Promise<unknown>) {
  return Promise.race([
    promise.then(() => true),
    new Promise(r => setTimeout(() => r(false), 20)),
  ]);
}

describe('withKeycloakSignOut', () => {
  it("signs out of the portal first, then goes to Keycloak's end-session endpoint with the ID token", async () => {
    const { wrapped, events } = setup({
      endSession: new Response(JSON.stringify({ url: END_SESSION })),
      idToken: 'the.id.token',
    });
    // The page is leaving for Keycloak: the app must not navigate after it.
    expect(await settles(wrapped.signOut())).toBe(false);
    const expected = new URL(END_SESSION);
    expected.searchParams.set('id_token_hint', 'the.id.token');
    expect(events.slice(-2)).toEqual([
      'portal sign-out',
      `navigate ${expected}`,
    ]);
    expect(events.indexOf('id token read')).toBeLessThan(
      events.indexOf('portal sign-out'),
    );
    expect(events).toContain(
      'fetch https://portal.example.com/api/auth/oidc/end-session',
    );
  });

  it('leaves the hint out when there is no ID token (Keycloak then asks to confirm)', async () => {
    const { wrapped, events } = setup({
      endSession: new Response(JSON.stringify({ url: END_SESSION })),
    });
    await settles(wrapped.signOut());
    expect(events.at(-1)).toBe(`navigate ${END_SESSION}`);
  });

  it.each([
    ['answers an error', new Response('{}', { status: 503 })],
    ['cannot be reached', new TypeError('Failed to fetch')],
  ])(
    'still ends the portal session when the end-session URL %s',
    async (_case, endSession) => {
      const { wrapped, events } = setup({ endSession, idToken: 'x.y.z' });
      expect(await settles(wrapped.signOut())).toBe(true);
      expect(events).toContain('portal sign-out');
      expect(events.some(e => e.startsWith('navigate'))).toBe(false);
    },
  );
});
