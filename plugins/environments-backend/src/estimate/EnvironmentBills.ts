import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { DailyServiceCost } from '@internal/plugin-environments-common';

/** An environment's daily cost by AWS service, from the cost plugin. */
export interface EnvironmentBills {
  /** Days `from` to `to` (YYYY-MM-DD, inclusive) of the cost tagged `environment=tagValue`. */
  dailyByService(
    tagValue: string,
    range: { from: string; to: string },
  ): Promise<DailyServiceCost[]>;
  /** The average number of nodes over those days (Prometheus), if measured. */
  averageNodes(
    environment: string,
    range: { from: string; to: string },
  ): Promise<number | undefined>;
}

/**
 * Reads the cost-uptime plugin's `GET /series` (by AWS service, per day,
 * filtered to the environment's tag) as this plugin, with a service token.
 */
export class CostUptimeBills implements EnvironmentBills {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async dailyByService(
    tagValue: string,
    range: { from: string; to: string },
  ): Promise<DailyServiceCost[]> {
    const series = await this.get<{ points: DailyServiceCost[] }>('/series', {
      granularity: 'day',
      groupBy: 'awsService',
      tagKey: 'environment',
      tagValue,
      ...range,
    });
    return series.points;
  }

  async averageNodes(
    environment: string,
    range: { from: string; to: string },
  ): Promise<number | undefined> {
    const usage = await this.get<{
      points: { metric: string; value: number }[];
    }>('/usage', { granularity: 'day', environment, ...range });
    const nodes = usage.points.filter(p => p.metric === 'nodes');
    if (nodes.length === 0) return undefined;
    return nodes.reduce((sum, p) => sum + p.value, 0) / nodes.length;
  }

  private async get<T>(path: string, query: Record<string, string>) {
    const { discovery, auth } = this.deps;
    const base = await discovery.getBaseUrl('cost-uptime');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'cost-uptime',
    });
    const res = await fetch(`${base}${path}?${new URLSearchParams(query)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
