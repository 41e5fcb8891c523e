import { ResponseError } from '@backstage/errors';
import type { AllocationReport } from './allocation/report';
import type {
  CostUptimeApi,
  CsvQuery,
  SeriesQuery,
  UptimeQuery,
  UsageQuery,
} from './CostUptimeApi';
import type {
  CollectionRun,
  CostSeries,
  CostSummary,
  RunsResponse,
  ServiceEnvironmentCosts,
  TagRef,
  TriggerRunResponse,
  UptimeReport,
  UsageSeries,
} from './types';

/** What the client needs from Backstage's discovery and fetch APIs. */
export interface CostUptimeClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/**
 * {@link CostUptimeApi} over HTTP, used by the frontend (with the signed-in
 * user's token through fetchApi) and by tests. Each method is documented on
 * the interface.
 */
export class CostUptimeClient implements CostUptimeApi {
  private readonly discoveryApi: CostUptimeClientOptions['discoveryApi'];
  private readonly fetchApi: CostUptimeClientOptions['fetchApi'];

  constructor(options: CostUptimeClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getSummary(filter?: TagRef): Promise<CostSummary> {
    return this.get('/summary', filterParams(filter));
  }

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

  getServiceCostByEnvironment(
    service: string,
  ): Promise<ServiceEnvironmentCosts> {
    return this.get(
      `/services/${encodeURIComponent(service)}/environments`,
      {},
    );
  }

  getAllocation(
    query: Parameters<CostUptimeApi['getAllocation']>[0],
  ): Promise<AllocationReport> {
    return this.get('/allocation', query);
  }

  getUptime(options: UptimeQuery = {}): Promise<UptimeReport> {
    return this.get('/uptime', {
      days: options.days?.toString(),
      key: options.key,
      environment: options.environment,
    });
  }

  getUsage(options: UsageQuery): Promise<UsageSeries> {
    return this.get('/usage', options);
  }

  async getRuns(limit = 20): Promise<CollectionRun[]> {
    const body = await this.get<RunsResponse>('/runs', {
      limit: String(limit),
    });
    return body.runs;
  }

  async triggerRun(): Promise<TriggerRunResponse> {
    const response = await this.fetchApi.fetch(await this.url('/runs'), {
      method: 'POST',
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  async exportCsv(query: CsvQuery): Promise<string> {
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
