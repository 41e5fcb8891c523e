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
      },
      async init({ providers, config }) {
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
      },
    });
  },
});
