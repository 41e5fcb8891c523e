import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ConflictError, ResponseError } from '@backstage/errors';
import type {
  EnvironmentOperation,
  EnvironmentState,
} from '@internal/plugin-environments-common';

/** A pipeline run to record as it starts. */
export interface RunStart {
  operation: EnvironmentOperation;
  /** Entity ref of the person, or `expiry`. */
  requestedBy: string;
  /** The state while it runs (provisioning, updating, destroying). */
  state?: EnvironmentState;
  /** The IaC commit it builds. */
  gitCommit?: string;
}

/** How a recorded run ended. */
export interface RunFinish {
  result: string;
  /** The state it leaves the environment in (ready, destroyed, failed). */
  state?: EnvironmentState;
  by: string;
}

/**
 * Where pipeline runs are recorded: the environments plugin's database,
 * which the scaffolder's pipeline step reaches through its API.
 */
export interface EnvironmentRunRecorder {
  /** ConflictError when the environment has a run going already. */
  start(environment: string, run: RunStart): Promise<{ id: number }>;
  setBuild(id: number, build: { number: number; url: string }): Promise<void>;
  finish(id: number, end: RunFinish): Promise<void>;
}

/**
 * The recorder for other plugins: calls the environments plugin's service
 * routes (`/api/environments/environments/:name/runs`, `/runs/:id/…`) with
 * this plugin's service token.
 */
export class HttpEnvironmentRunRecorder implements EnvironmentRunRecorder {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  async start(environment: string, run: RunStart): Promise<{ id: number }> {
    return this.post(
      `/environments/${encodeURIComponent(environment)}/runs`,
      run,
    );
  }

  async setBuild(
    id: number,
    build: { number: number; url: string },
  ): Promise<void> {
    await this.post(`/runs/${encodeURIComponent(String(id))}/build`, build);
  }

  async finish(id: number, end: RunFinish): Promise<void> {
    await this.post(`/runs/${encodeURIComponent(String(id))}/finish`, end);
  }

  private async post<T>(path: string, body: object): Promise<T> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'environments',
    });
    const base = await this.discovery.getBaseUrl('environments');
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (res.status === 409) {
      const error = await ResponseError.fromResponse(res);
      throw new ConflictError(error.body.error.message);
    }
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
