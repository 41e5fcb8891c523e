import type { AuthResolverContext } from '@backstage/plugin-auth-node';
import { NotFoundError } from '@backstage/errors';
import { keycloakSubjectResolver } from './resolvers';

const SUB = '2f3bdd63-fb6d-4b57-aa91-7c98e9c63725';

function info(userinfo: Record<string, unknown>) {
  return {
    profile: {},
    result: {
      fullProfile: { userinfo, tokenset: {} },
      session: { accessToken: 'x', tokenType: 'bearer', scope: 'openid' },
    },
  } as any;
}

function context(users: { query: any; token: string }[]) {
  const signInWithCatalogUser = jest.fn(async (query: any) => {
    const match = users.find(
      u => JSON.stringify(u.query) === JSON.stringify(query),
    );
    if (!match) throw new NotFoundError('User not found');
    return { token: match.token };
  });
  return {
    ctx: { signInWithCatalogUser } as unknown as AuthResolverContext,
    signInWithCatalogUser,
  };
}

describe('keycloakSubjectResolver', () => {
  const bySub = {
    query: { annotations: { 'keycloak.org/id': SUB } },
    token: 'minsu',
  };
  const byEmail = {
    query: { filter: { 'spec.profile.email': 'minsu.park@acme.example' } },
    token: 'minsu-by-email',
  };

  it('signs in as the User whose keycloak.org/id is the subject', async () => {
    const { ctx } = context([bySub]);
    await expect(
      keycloakSubjectResolver()(info({ sub: SUB }), ctx),
    ).resolves.toEqual({ token: 'minsu' });
  });

  it('refuses an account with no User, saying so, and does not try the e-mail by default', async () => {
    const { ctx, signInWithCatalogUser } = context([byEmail]);
    await expect(
      keycloakSubjectResolver()(
        info({
          sub: 'other',
          preferred_username: 'yuna.han',
          email: 'minsu.park@acme.example',
          email_verified: true,
        }),
        ctx,
      ),
    ).rejects.toThrow(
      /Signed in to Keycloak as yuna.han, but the portal has no user for that account/,
    );
    expect(signInWithCatalogUser).toHaveBeenCalledTimes(1);
  });

  it('falls back to a verified e-mail only when configured', async () => {
    const { ctx } = context([byEmail]);
    const resolver = keycloakSubjectResolver({ allowEmailFallback: true });
    await expect(
      resolver(
        info({
          sub: 'other',
          email: 'minsu.park@acme.example',
          email_verified: true,
        }),
        ctx,
      ),
    ).resolves.toEqual({ token: 'minsu-by-email' });
    await expect(
      resolver(
        info({
          sub: 'other',
          email: 'minsu.park@acme.example',
          email_verified: false,
        }),
        ctx,
      ),
    ).rejects.toThrow(/has not verified the e-mail address/);
  });

  it('passes on errors other than not-found', async () => {
    const ctx = {
      signInWithCatalogUser: jest
        .fn()
        .mockRejectedValue(new Error('catalog down')),
    } as unknown as AuthResolverContext;
    await expect(
      keycloakSubjectResolver()(info({ sub: SUB }), ctx),
    ).rejects.toThrow('catalog down');
  });
});
