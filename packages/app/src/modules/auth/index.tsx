import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage } from '@backstage/core-components';
import {
  ApiBlueprint,
  configApiRef,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
  oauthRequestApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  type SignInPageProps,
} from '@backstage/plugin-app-react';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { keycloakAuthApiRef } from './keycloakAuthApiRef';
import { withKeycloakSignOut } from './keycloakSignOut';
import { appTranslationRef } from '../../translation';

const keycloakAuthApi = ApiBlueprint.make({
  name: 'keycloak-auth',
  params: defineParams =>
    defineParams({
      api: keycloakAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Keycloak', icon: VpnKeyIcon },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

function KeycloakSignInPage(props: SignInPageProps) {
  const authApi = useApi(keycloakAuthApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { t } = useTranslationRef(appTranslationRef);
  return (
    <SignInPage
      {...props}
      // The identity the app keeps for this session: its signOut (Settings →
      // Sign out) also ends the Keycloak SSO session.
      onSignInSuccess={identityApi =>
        props.onSignInSuccess(
          withKeycloakSignOut(identityApi, { authApi, discoveryApi, fetchApi }),
        )
      }
      title={t('signIn.title')}
      align="center"
      providers={[
        {
          id: 'keycloak',
          title: t('signIn.providerTitle'),
          message: t('signIn.providerMessage'),
          apiRef: keycloakAuthApiRef,
        },
      ]}
    />
  );
}

/** The sign-in page: Keycloak only; there is no guest sign-in. */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => KeycloakSignInPage,
  },
});

export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [keycloakAuthApi, signInPage],
});
