import { NotAllowedError, isError } from '@backstage/errors';
import {
  createSignInResolverFactory,
  type OAuthAuthenticatorResult,
  type SignInInfo,
} from '@backstage/plugin-auth-node';
import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { z } from 'zod/v3';

/**
 * The annotation the Keycloak catalog module puts on each User: Keycloak's
 * user id, which is the `sub` of that user's tokens and never changes.
 */
export const KEYCLOAK_ID_ANNOTATION = 'keycloak.org/id';

type Info = SignInInfo<OAuthAuthenticatorResult<OidcAuthResult>>;

function notInCatalog(username: string | undefined) {
  return new NotAllowedError(
    `Signed in to Keycloak${
      username ? ` as ${username}` : ''
    }, but the portal has no user for that account. ` +
      'Ask a platform admin to add you to a Keycloak group for the portal.',
  );
}

/**
 * Signs in as the catalog User whose `keycloak.org/id` annotation equals the
 * token's `sub`. Matching on the immutable subject means a renamed account or
 * a changed e-mail address cannot take over someone else's portal identity.
 *
 * `allowEmailFallback` (off by default) additionally accepts a User whose
 * profile e-mail equals the account's e-mail, but only when Keycloak says
 * that e-mail is verified; for catalogs not (yet) filled from Keycloak.
 */
export const keycloakSubjectResolver = createSignInResolverFactory({
  optionsSchema: z
    .object({ allowEmailFallback: z.boolean().optional() })
    .optional(),
  create(options = {}) {
    return async (info: Info, ctx) => {
      const userinfo = info.result.fullProfile.userinfo;
      const sub = userinfo.sub;
      const username = userinfo.preferred_username;
      if (!sub) {
        throw new NotAllowedError(
          'Keycloak returned no subject for this account',
        );
      }
      try {
        return await ctx.signInWithCatalogUser({
          annotations: { [KEYCLOAK_ID_ANNOTATION]: sub },
        });
      } catch (error) {
        if (!isError(error) || error.name !== 'NotFoundError') throw error;
      }
      if (options.allowEmailFallback && userinfo.email) {
        if (userinfo.email_verified !== true) {
          throw new NotAllowedError(
            `Keycloak has not verified the e-mail address of ${
              username ?? 'this account'
            }, so the portal cannot match it to a user.`,
          );
        }
        try {
          return await ctx.signInWithCatalogUser({
            filter: { 'spec.profile.email': userinfo.email },
          });
        } catch (error) {
          if (!isError(error) || error.name !== 'NotFoundError') throw error;
        }
      }
      throw notInCatalog(username);
    };
  },
});
