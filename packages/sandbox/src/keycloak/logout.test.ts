/*
 * The Keycloak stand-in's end-session endpoint, over HTTP as a browser would
 * use it. oidc-provider is ESM-only, so the stand-in runs in its own Node
 * process (as in ./portal start), not inside Jest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const REDIRECT_URI = 'http://localhost:7007/api/auth/oidc/handler/frame';
const POST_LOGOUT_URI = 'http://localhost:3000'; // registered in the realm
const CLIENT_SECRET = 'local-dev-only-backstage-client-secret';

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** A browser's cookie jar, enough for one host. */
function browser(base: string) {
  const cookies = new Map<string, string>();
  return async (
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ) => {
    const response = await fetch(new URL(url, base), {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form
          ? { 'content-type': 'application/x-www-form-urlencoded' }
          : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const [name, value] = pair.split(/=(.*)/s);
      const expired = attributes.some(a => /expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      text: await response.text(),
    };
  };
}

describe('Keycloak stand-in: logout (end-session endpoint)', () => {
  let url: string;
  let child: ChildProcess;
  const realm = () => `${url}/realms/platform`;
  const logout = (params: Record<string, string>) =>
    `${realm()}/protocol/openid-connect/logout?${new URLSearchParams(params)}`;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://localhost:${port}`;
    child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { keycloakStandIn } from './KeycloakStandIn.ts';
         await keycloakStandIn().start({ host: '127.0.0.1', port: ${port}, url: '${url}' });
         console.log('ready');`,
      ],
      { cwd: path.resolve(__dirname), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', d => {
        output += d;
        if (output.includes('ready')) resolve();
      });
      child.stderr!.on('data', d => {
        output += d;
      });
      child.on('exit', code =>
        reject(new Error(`stand-in exited (${code}): ${output}`)),
      );
    });
  }, 30_000);

  afterAll(() => {
    child?.kill();
  });

  /** Authorization request; signs in through the login form if Keycloak asks. */
  async function authorize(
    go: ReturnType<typeof browser>,
    login?: { username: string; password: string },
  ) {
    const params = new URLSearchParams({
      client_id: 'backstage',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: REDIRECT_URI,
      state: 's',
      nonce: 'n',
    });
    let step = await go(`${realm()}/protocol/openid-connect/auth?${params}`);
    let askedForPassword = false;
    while (step.location && !step.location.startsWith(REDIRECT_URI)) {
      const next = step.location;
      step = await go(next);
      if (step.status === 200 && step.text.includes('name="password"')) {
        askedForPassword = true;
        if (!login) return { askedForPassword };
        step = await go(next, { method: 'POST', form: login });
      }
    }
    const code = new URL(step.location!).searchParams.get('code')!;
    return { askedForPassword, code };
  }

  async function idToken(code: string): Promise<string> {
    const response = await fetch(`${realm()}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(
          `backstage:${CLIENT_SECRET}`,
        ).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()).id_token;
  }

  const minsu = { username: 'minsu.park', password: 'example-password-minsu' };

  it('refuses a post_logout_redirect_uri the client has not registered, with an error page', async () => {
    const go = browser(url);
    const refused = await go(
      logout({
        client_id: 'backstage',
        post_logout_redirect_uri: 'https://evil.example/phish',
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.location).toBeUndefined();
    expect(refused.text).toContain('post_logout_redirect_uri not registered');

    const noClient = await go(
      logout({ post_logout_redirect_uri: POST_LOGOUT_URI }),
    );
    expect(noClient.status).toBe(400);
    expect(noClient.text).toContain('Missing parameters: id_token_hint');
  });

  it('asks "Do you want to log out?" without id_token_hint; confirming ends the SSO session', async () => {
    const go = browser(url);
    expect((await authorize(go, minsu)).askedForPassword).toBe(true);
    // The SSO session: a second sign-in needs no password.
    expect((await authorize(go)).askedForPassword).toBe(false);

    const confirm = await go(
      logout({
        client_id: 'backstage',
        post_logout_redirect_uri: POST_LOGOUT_URI,
      }),
    );
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Do you want to log out?');
    expect(confirm.text).not.toContain('<script');
    const action = confirm.text.match(/action="([^"]+)"/)![1];
    const xsrf = confirm.text.match(/name="xsrf" value="([^"]+)"/)![1];
    const done = await go(action, {
      method: 'POST',
      form: { xsrf, logout: 'yes' },
    });
    expect(done.status).toBe(303);
    // A URL without a path comes back with "/", as URL parsing gives it.
    expect(done.location).toBe(`${POST_LOGOUT_URI}/`);

    expect((await authorize(go)).askedForPassword).toBe(true);
  });

  it('logs out without asking when given an id_token_hint', async () => {
    const go = browser(url);
    const { code } = await authorize(go, minsu);
    const hint = await idToken(code!);

    const page = await go(
      logout({
        id_token_hint: hint,
        post_logout_redirect_uri: POST_LOGOUT_URI,
      }),
    );
    expect(page.status).toBe(200);
    // The page confirms itself at once (a browser runs the script).
    expect(page.text).toMatch(/<script>.*kc-logout.*click\(\)/);
    const action = page.text.match(/action="([^"]+)"/)![1];
    const xsrf = page.text.match(/name="xsrf" value="([^"]+)"/)![1];
    const done = await go(action, {
      method: 'POST',
      form: { xsrf, logout: 'yes' },
    });
    // A URL without a path comes back with "/", as URL parsing gives it.
    expect(done.location).toBe(`${POST_LOGOUT_URI}/`);
    expect((await authorize(go)).askedForPassword).toBe(true);
  });

  it('refuses an id_token_hint it did not issue', async () => {
    const forged = [
      { alg: 'RS256' },
      { iss: realm(), aud: 'backstage', sub: 'x' },
    ]
      .map(p => Buffer.from(JSON.stringify(p)).toString('base64url'))
      .concat('c2lnbmF0dXJl')
      .join('.');
    const refused = await browser(url)(
      logout({
        id_token_hint: forged,
        post_logout_redirect_uri: POST_LOGOUT_URI,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.location).toBeUndefined();
    expect(refused.text).toContain('could not validate id_token_hint');
  });
});
