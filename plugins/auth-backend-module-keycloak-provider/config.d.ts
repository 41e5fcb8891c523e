export interface Config {
  auth?: {
    providers?: {
      /** Keycloak over OpenID Connect, per auth environment. */
      oidc?: {
        [authEnv: string]: {
          /** The realm's discovery document, `{issuer}/.well-known/openid-configuration`. */
          metadataUrl: string;
          /** The confidential client of the portal in the realm (`backstage`). */
          clientId: string;
          /**
           * That client's secret.
           * @visibility secret
           */
          clientSecret: string;
          prompt?: string;
          signIn?: {
            resolvers: Array<{
              resolver: 'keycloakSubject';
              /** Also match a verified e-mail to a User's profile e-mail. Off by default. */
              allowEmailFallback?: boolean;
            }>;
          };
        };
      };
    };
    session?: {
      /**
       * Signs the short-lived session cookie the OpenID Connect flow keeps
       * its state and nonce in.
       * @visibility secret
       */
      secret?: string;
    };
  };
}
