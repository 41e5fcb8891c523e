import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  type AuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { keycloakSubjectResolver } from './resolvers';
import { endSessionHandler, KeycloakEndSession } from './KeycloakEndSession';

/**
 * Serves only the environment named by `auth.environment`. Backstage merges
 * config files, so app-config.production.yaml cannot remove the local
 * `development` block (which points at the stand-in); this keeps it unused.
 */
function onlyActiveEnvironment(
  factory: AuthProviderFactory,
  environment: string,
): AuthProviderFactory {
  return options => {
    const active = options.config.getOptional(environment);
    return factory({
      ...options,
      config: new ConfigReader(
        active === undefined ? {} : { [environment]: active },
      ),
    });
  };
}

/**
 * Sign-in with Keycloak over OpenID Connect (provider id `oidc`): the
 * authenticator of @backstage/plugin-auth-backend-module-oidc-provider with
 * the portal's sign-in resolver.
 */
export const authModuleKeycloakProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'keycloak-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ providers, config, httpRouter, logger }) {
        const environment =
          config.getOptionalString('auth.environment') ?? 'development';
        providers.registerProvider({
          providerId: 'oidc',
          factory: onlyActiveEnvironment(
            createOAuthProviderFactory({
              authenticator: oidcAuthenticator,
              signInResolverFactories: {
                keycloakSubject: keycloakSubjectResolver,
              },
            }),
            environment,
          ),
        });
        // Signing out of the portal also ends the Keycloak SSO session: the
        // app sends the browser to the URL this route gives (see
        // packages/app/src/modules/auth). The auth plugin serves its routes
        // without a token (so does this one); the URL is public metadata.
        const endSession = KeycloakEndSession.fromConfig(config);
        if (endSession) {
          httpRouter.use(endSessionHandler(endSession, logger));
        }
      },
    });
  },
});
