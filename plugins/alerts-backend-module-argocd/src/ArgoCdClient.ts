import { Config } from '@backstage/config';
import { InputError, ResponseError } from '@backstage/errors';

/** One Argo CD instance, as the Roadie Argo CD backend reads it. */
export interface ArgoCdInstance {
  name: string;
  /** Base URL, with Argo CD's root path if it has one. */
  url: string;
  token?: string;
  username?: string;
  password?: string;
}

/**
 * The part of an Argo CD Application (argoproj.io/v1alpha1, as
 * `GET /api/v1/applications` returns it) the alerts look at.
 */
export interface ArgoCdApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  status?: {
    /** `revision` for one source, `revisions` for `spec.sources`. */
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string; lastTransitionTime?: string };
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      operation?: { sync?: { revision?: string; revisions?: string[] } };
      syncResult?: { revision?: string; revisions?: string[] };
    };
  };
}

/**
 * Reads `argocd.appLocatorMethods[type=config].instances[]`, the config the
 * Roadie Argo CD backend reads, so both plugins see the same instances with
 * the same credentials.
 */
export function readArgoCdInstances(config: Config): ArgoCdInstance[] {
  const fallbackUsername = config.getOptionalString('argocd.username');
  const fallbackPassword = config.getOptionalString('argocd.password');
  const methods = config.getOptionalConfigArray('argocd.appLocatorMethods');
  const instances = (methods ?? [])
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('instances') ?? [])
    .map(i => ({
      name: i.getString('name'),
      url: i.getString('url').replace(/\/+$/, ''),
      token: i.getOptionalString('token'),
      username: i.getOptionalString('username') ?? fallbackUsername,
      password: i.getOptionalString('password') ?? fallbackPassword,
    }));
  for (const instance of instances) {
    if (!instance.token && !(instance.username && instance.password)) {
      throw new InputError(
        `Argo CD instance ${instance.name} has neither a token nor a username and password`,
      );
    }
  }
  return instances;
}

/**
 * Talks to one Argo CD instance's API: a configured token, or a session
 * token from `POST /api/v1/session`, kept until Argo CD refuses it.
 */
export class ArgoCdClient {
  readonly instance: ArgoCdInstance;
  private readonly timeoutMs: number;
  private sessionToken?: string;

  constructor(instance: ArgoCdInstance, options: { timeoutMs?: number } = {}) {
    this.instance = instance;
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  /** Every Application the credentials may see. */
  async listApplications(): Promise<ArgoCdApplication[]> {
    const body = await this.get('/api/v1/applications');
    return (body?.items ?? []) as ArgoCdApplication[];
  }

  /**
   * The instance's web UI page of an application; `namespace/name` for one
   * outside Argo CD's own namespace.
   */
  applicationUrl(qualifiedName: string): string {
    const path = qualifiedName.split('/').map(encodeURIComponent).join('/');
    return `${this.instance.url}/applications/${path}`;
  }

  private async get(path: string, retried = false): Promise<any> {
    const token = await this.token();
    const response = await fetch(`${this.instance.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 401 && !this.instance.token && !retried) {
      // The session expired (or Argo CD restarted): log in once more.
      this.sessionToken = undefined;
      return this.get(path, true);
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  private async token(): Promise<string> {
    if (this.instance.token) return this.instance.token;
    if (this.sessionToken) return this.sessionToken;
    const response = await fetch(`${this.instance.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: this.instance.username,
        password: this.instance.password,
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const { token } = (await response.json()) as { token?: string };
    if (!token) {
      throw new Error('Argo CD answered the session request without a token');
    }
    this.sessionToken = token;
    return token;
  }
}
