import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { KeycloakEndSession } from './KeycloakEndSession';

/** A discovery document server; `metadata` is what it answers with. */
async function discoveryServer(
  metadata: () => { status: number; body: unknown },
) {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    const { status, body } = metadata();
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/realms/platform/.well-known/openid-configuration`,
    hits: () => hits,
    close: () => new Promise(r => server.close(r)),
  };
}

function config(metadataUrl: string, environment = 'production') {
  return new ConfigReader({
    app: { baseUrl: 'https://portal.example.com' },
    auth: {
      environment,
      providers: {
        oidc: {
          [environment]: {
            metadataUrl,
            clientId: 'backstage',
            clientSecret: 'secret',
          },
        },
      },
    },
  });
}

describe('KeycloakEndSession', () => {
  it("builds the end-session URL from the provider's discovery document", async () => {
    const endpoint =
      'https://sso.example.com/realms/platform/protocol/openid-connect/logout';
    const discovery = await discoveryServer(() => ({
      status: 200,
      body: { end_session_endpoint: endpoint },
    }));
    try {
      const endSession = KeycloakEndSession.fromConfig(
        config(discovery.metadataUrl),
      )!;
      const url = new URL(await endSession.getEndSessionUrl());
      expect(`${url.origin}${url.pathname}`).toBe(endpoint);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: 'backstage',
        post_logout_redirect_uri: 'https://portal.example.com',
      });
      await endSession.getEndSessionUrl();
      expect(discovery.hits()).toBe(1);
    } finally {
      await discovery.close();
    }
  });

  it('fails clearly when the provider advertises no end-session endpoint, and asks again next time', async () => {
    let body: unknown = { issuer: 'x' };
    const discovery = await discoveryServer(() => ({ status: 200, body }));
    try {
      const endSession = KeycloakEndSession.fromConfig(
        config(discovery.metadataUrl),
      )!;
      await expect(endSession.getEndSessionUrl()).rejects.toThrow(
        /advertises no end_session_endpoint/,
      );
      body = { end_session_endpoint: 'https://sso.example.com/logout' };
      await expect(endSession.getEndSessionUrl()).resolves.toMatch(
        /^https:\/\/sso\.example\.com\/logout\?/,
      );
    } finally {
      await discovery.close();
    }
  });

  it('fails with the response when discovery answers an error', async () => {
    const discovery = await discoveryServer(() => ({
      status: 404,
      body: { error: 'Realm does not exist' },
    }));
    try {
      await expect(
        KeycloakEndSession.fromConfig(
          config(discovery.metadataUrl),
        )!.getEndSessionUrl(),
      ).rejects.toMatchObject({ name: 'ResponseError' });
    } finally {
      await discovery.close();
    }
  });

  it('is not set up when the active auth environment has no oidc provider', () => {
    const reader = new ConfigReader({
      app: { baseUrl: 'https://portal.example.com' },
      auth: {
        environment: 'production',
        providers: {
          oidc: { development: { metadataUrl: 'x', clientId: 'y' } },
        },
      },
    });
    expect(KeycloakEndSession.fromConfig(reader)).toBeUndefined();
  });
});
