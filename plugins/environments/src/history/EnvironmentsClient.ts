import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EnvironmentCluster,
  EnvironmentHistory,
  EnvironmentRunLog,
} from '@internal/plugin-environments-common';

/** The environments backend as the environment card uses it. */
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
    const base = await this.discoveryApi.getBaseUrl('environments');
    const res = await this.fetchApi.fetch(
      `${base}/environments/${encodeURIComponent(name)}`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as EnvironmentHistory;
  }

  /**
   * `GET /api/environments/environments/:name/cluster`: the declared node
   * group and Kubernetes version, and the links to the environment's tools.
   */
  async getCluster(name: string): Promise<EnvironmentCluster> {
    const base = await this.discoveryApi.getBaseUrl('environments');
    const res = await this.fetchApi.fetch(
      `${base}/environments/${encodeURIComponent(name)}/cluster`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as EnvironmentCluster;
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
    const base = await this.discoveryApi.getBaseUrl('environments');
    const res = await this.fetchApi.fetch(
      `${base}/environments/${encodeURIComponent(
        name,
      )}/runs/${runId}/log?start=${start}`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as EnvironmentRunLog;
  }
}
