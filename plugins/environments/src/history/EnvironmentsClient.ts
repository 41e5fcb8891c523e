import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EnvironmentCluster,
  EnvironmentHistory,
  EnvironmentRunLog,
  EstimateCheck,
} from '@internal/plugin-environments-common';

/** `res`; a ResponseError is thrown instead for a failed answer. */
async function answered(res: Response): Promise<Response> {
  if (!res.ok) throw await ResponseError.fromResponse(res);
  return res;
}

/** The environments backend as the environment's cards use it. */
export class EnvironmentsClient {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * `GET /api/environments/environments/:name`: the recorded state and the
   * pipeline runs, newest first. Throws a ResponseError on a failed answer.
   */
  async getHistory(name: string): Promise<EnvironmentHistory> {
    return this.read(encodeURIComponent(name));
  }

  /**
   * `GET /api/environments/environments/:name/cluster`: the declared node
   * group and Kubernetes version, and the links to the environment's tools.
   */
  async getCluster(name: string): Promise<EnvironmentCluster> {
    return this.read(`${encodeURIComponent(name)}/cluster`);
  }

  /**
   * `GET /api/environments/environments/:name/estimate`: the create form's
   * estimate against the bill of the first 7 days after ready.
   */
  async getEstimate(name: string): Promise<EstimateCheck> {
    return this.read(`${encodeURIComponent(name)}/estimate`);
  }

  /**
   * `GET /api/environments/environments/:name/runs/:id/log?start=`: the
   * run's Jenkins console log from byte `start`, and whether more will come.
   */
  async getRunLog(
    name: string,
    runId: number,
    start: number,
  ): Promise<EnvironmentRunLog> {
    return this.read(
      `${encodeURIComponent(name)}/runs/${runId}/log?start=${start}`,
    );
  }

  /**
   * `POST /api/environments/environments/:name/extend-expiry`: the expiry
   * set to `days` from now; answers the new expiry.
   */
  async extendExpiry(
    name: string,
    days: number,
  ): Promise<{ expiresAt: string }> {
    const res = await this.post(`${encodeURIComponent(name)}/extend-expiry`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ days }),
    });
    return (await res.json()) as { expiresAt: string };
  }

  /** `POST /api/environments/environments/:name/pause` (or `/resume`). */
  async pauseOrResume(name: string, action: 'pause' | 'resume') {
    await this.post(`${encodeURIComponent(name)}/${action}`);
  }

  private async url(path: string) {
    const base = await this.discoveryApi.getBaseUrl('environments');
    return `${base}/environments/${path}`;
  }

  /** GETs `path` under the backend's environments route: its JSON. */
  private async read<T>(path: string): Promise<T> {
    const res = await answered(await this.fetchApi.fetch(await this.url(path)));
    return (await res.json()) as T;
  }

  private async post(path: string, init: Omit<RequestInit, 'method'> = {}) {
    return answered(
      await this.fetchApi.fetch(await this.url(path), {
        method: 'POST',
        ...init,
      }),
    );
  }
}
