import { ResponseError } from '@backstage/errors';
import type { AllocationReport } from './allocation/report';
import type {
  CollectionRun,
  CostSeries,
  CostSummary,
  Granularity,
  GroupBy,
  RunsResponse,
  ServiceEnvironmentCosts,
  TagRef,
  UptimeReport,
  UsageSeries,
} from './types';

/** What the client needs from Backstage's discovery and fetch APIs. */
export interface CostUptimeClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

export interface SeriesQuery {
  granularity: Granularity;
  groupBy: GroupBy;
  /** Inclusive, YYYY-MM-DD. */
  from?: string;
  /** Inclusive, YYYY-MM-DD. */
  to?: string;
  /** Only the cost under one tag value (an entity's). */
  filter?: TagRef;
  /**
   * The biggest `top` keys over the range; the rest arrive summed per period
   * as one "Other" key (see CostSeries.other). All keys when left out.
   */
  top?: number;
}

/**
 * Typed access to the cost and uptime REST API, used by the frontend (with
 * the signed-in user's token through fetchApi) and by tests.
 */
export class CostUptimeClient {
  private readonly discoveryApi: CostUptimeClientOptions['discoveryApi'];
  private readonly fetchApi: CostUptimeClientOptions['fetchApi'];

  constructor(options: CostUptimeClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** Month to date, forecast, last month, change, breakdowns and movers. */
  getSummary(filter?: TagRef): Promise<CostSummary> {
    return this.get('/summary', filterParams(filter));
  }

  /** Cost by day or month, grouped by AWS service, environment or catalog entity. */
  getSeries(query: SeriesQuery): Promise<CostSeries> {
    return this.get('/series', {
      granularity: query.granularity,
      groupBy: query.groupBy,
      from: query.from,
      to: query.to,
      top: query.top?.toString(),
      ...filterParams(query.filter),
    });
  }

  /**
   * This month's cost of one service (its `service` tag value) in each
   * environment; empty `environments` when nothing was collected for it.
   */
  getServiceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts> {
    return this.get(
      `/services/${encodeURIComponent(service)}/environments`,
      {},
    );
  }

  /**
   * One environment's cluster cost split between services (allocated and
   * direct), shared and idle, over [from, to] (default this month so far).
   */
  getAllocation(query: {
    environment: string;
    from?: string;
    to?: string;
  }): Promise<AllocationReport> {
    return this.get('/allocation', query);
  }

  /** Availability and error budget per service over the last `days` days. */
  getUptime(
    options: { days?: number; key?: string } = {},
  ): Promise<UptimeReport> {
    return this.get('/uptime', {
      days: options.days?.toString(),
      key: options.key,
    });
  }

  /** CPU, memory, disk, storage, network and node count per environment. */
  getUsage(options: {
    granularity: 'hour' | 'day';
    environment?: string;
    from?: string;
    to?: string;
  }): Promise<UsageSeries> {
    return this.get('/usage', options);
  }

  /** The latest collection runs, newest first. */
  async getRuns(limit = 20): Promise<CollectionRun[]> {
    const body = await this.get<RunsResponse>('/runs', {
      limit: String(limit),
    });
    return body.runs;
  }

  /** Runs a collection now (needs the cost-uptime.collection.run permission). */
  async triggerRun(): Promise<CollectionRun> {
    const response = await this.fetchApi.fetch(await this.url('/runs'), {
      method: 'POST',
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()).run;
  }

  /** The daily cost rows as CSV text. */
  async exportCsv(
    query: Omit<SeriesQuery, 'granularity' | 'groupBy'> & {
      granularity?: Granularity;
      groupBy?: GroupBy;
    },
  ): Promise<string> {
    const response = await this.fetchApi.fetch(
      await this.url('/export.csv', {
        granularity: query.granularity ?? 'day',
        groupBy: query.groupBy ?? 'environment',
        from: query.from,
        to: query.to,
        ...filterParams(query.filter),
      }),
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  private async url(
    path: string,
    params: Record<string, string | undefined> = {},
  ) {
    const base = await this.discoveryApi.getBaseUrl('cost-uptime');
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== '') search.set(k, v);
    }
    const qs = search.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  private async get<T>(
    path: string,
    params: Record<string, string | undefined>,
  ): Promise<T> {
    const response = await this.fetchApi.fetch(await this.url(path, params));
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}

function filterParams(filter?: TagRef): Record<string, string | undefined> {
  return filter ? { tagKey: filter.tagKey, tagValue: filter.tagValue } : {};
}
