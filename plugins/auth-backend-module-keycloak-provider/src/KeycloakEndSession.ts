import type {
  HttpRouterService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ForwardedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/** The route on the auth plugin: GET /api/auth/oidc/end-session. */
const END_SESSION_PATH = '/oidc/end-session';

/**
 * Where the browser goes after the portal's own sign-out so that Keycloak ends
 * its SSO session too (OpenID Connect RP-Initiated Logout 1.0). Backstage's
 * OIDC authenticator only revokes the refresh token (backstage/backstage#19719),
 * which leaves Keycloak's SSO cookie in the browser: the next "Sign in" would
 * log the same person in without a password.
 *
 * The endpoint is the `end_session_endpoint` of the provider's discovery
 * document (the same `metadataUrl` sign-in uses), never a fixed address.
 */
export class KeycloakEndSession {
  readonly #metadataUrl: string;
  readonly #clientId: string;
  readonly #postLogoutRedirectUri: string;
  readonly #fetch: typeof fetch;
  #endpoint?: Promise<string>;

  /**
   * Reads the active auth environment's `oidc` provider; undefined when that
   * environment has no `oidc` provider (then there is nothing to end).
   */
  static fromConfig(
    config: Config,
    options: { fetch?: typeof fetch } = {},
  ): KeycloakEndSession | undefined {
    const environment =
      config.getOptionalString('auth.environment') ?? 'development';
    const provider = config.getOptionalConfig(
      `auth.providers.oidc.${environment}`,
    );
    if (!provider) return undefined;
    return new KeycloakEndSession({
      metadataUrl: provider.getString('metadataUrl'),
      clientId: provider.getString('clientId'),
      // The sign-in page: the app shows it at its root once signed out. Must
      // be a "Valid post logout redirect URI" of the client in Keycloak.
      postLogoutRedirectUri: config.getString('app.baseUrl'),
      fetch: options.fetch ?? fetch,
    });
  }

  constructor(options: {
    metadataUrl: string;
    clientId: string;
    postLogoutRedirectUri: string;
    fetch: typeof fetch;
  }) {
    this.#metadataUrl = options.metadataUrl;
    this.#clientId = options.clientId;
    this.#postLogoutRedirectUri = options.postLogoutRedirectUri;
    this.#fetch = options.fetch;
  }

  /**
   * The end-session URL with `client_id` and `post_logout_redirect_uri`; the
   * browser adds `id_token_hint` (it holds the ID token), which lets Keycloak
   * log out without asking "Do you want to log out?".
   */
  async getEndSessionUrl(): Promise<string> {
    const url = new URL(await this.#endSessionEndpoint());
    url.searchParams.set('client_id', this.#clientId);
    url.searchParams.set(
      'post_logout_redirect_uri',
      this.#postLogoutRedirectUri,
    );
    return url.toString();
  }

  #endSessionEndpoint(): Promise<string> {
    // Discovery is read once; a failed read is retried on the next sign-out.
    this.#endpoint ??= this.#discover().catch(error => {
      this.#endpoint = undefined;
      throw error;
    });
    return this.#endpoint;
  }

  async #discover(): Promise<string> {
    let response: Response;
    try {
      response = await this.#fetch(this.#metadataUrl);
    } catch (error) {
      throw new ForwardedError(
        `Could not read the OpenID provider's discovery document ${
          this.#metadataUrl
        }`,
        error,
      );
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const metadata = (await response.json()) as {
      end_session_endpoint?: unknown;
    };
    if (typeof metadata.end_session_endpoint !== 'string') {
      throw new NotFoundError(
        `The OpenID provider at ${
          this.#metadataUrl
        } advertises no end_session_endpoint`,
      );
    }
    return metadata.end_session_endpoint;
  }
}

/** GET {@link END_SESSION_PATH}: `{ url }` of the provider's end-session endpoint. */
export function endSessionHandler(
  endSession: KeycloakEndSession,
  logger: LoggerService,
): Parameters<HttpRouterService['use']>[0] {
  return (req, res, next) => {
    if (req.method !== 'GET' || req.path !== END_SESSION_PATH) {
      next();
      return;
    }
    endSession.getEndSessionUrl().then(
      url => res.json({ url }),
      error => {
        logger.warn(`Keycloak end-session URL unavailable: ${error}`);
        next(error);
      },
    );
  };
}
