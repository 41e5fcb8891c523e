import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type Expression,
  type GetCostAndUsageCommandOutput,
  type GetCostForecastCommandOutput,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import type { CostExplorerOptions, CostTagRole } from '../config';
import type { CostRow, ServiceEnvironmentCostRow } from '../database/CostStore';

/** One day's EC2 cost of a workload by AWS split cost allocation data for EKS. */
export interface SplitCostRow {
  day: string;
  namespace: string;
  workload: string;
  amount: number;
  estimated: boolean;
}

/** One group of a day of GetCostAndUsage, its key values under the names `K`. */
type DailyGroup<K extends string> = {
  day: string;
  amount: number;
  estimated: boolean;
} & Record<K, string>;

const THROTTLING = new Set(['LimitExceededException', 'ThrottlingException']);

/**
 * Reads billing data from AWS Cost Explorer with the AWS SDK. Counts every
 * request it sends (pages and retries included: each one is billed USD 0.01)
 * and retries throttling itself, so the count and the backoff are ours to see.
 */
export class CostExplorerSource {
  requests = 0;
  private readonly client: CostExplorerClient;

  constructor(
    private readonly options: CostExplorerOptions,
    private readonly logger: LoggerService,
    private readonly sleep: (ms: number) => Promise<void> = ms =>
      new Promise(r => setTimeout(r, ms)),
  ) {
    this.client = new CostExplorerClient({
      region: options.region,
      endpoint: options.endpoint,
      // Production: the default provider chain (IRSA, instance profile, env).
      credentials: options.credentials,
      // Retries are done in send() below, where every attempt is counted.
      maxAttempts: 1,
    });
  }

  /**
   * Daily cost in [from, to) grouped by the account's tag for `role` and by
   * SERVICE, every page. Rows carry the role as their tag key, whatever the
   * account calls the tag.
   */
  async dailyCosts(
    role: CostTagRole,
    from: string,
    to: string,
  ): Promise<CostRow[]> {
    const tagKey = this.tagKeyOf(role);
    const { groups, pages } = await this.dailyGroups({
      from,
      to,
      groupBy: {
        tagValue: { Type: 'TAG', Key: tagKey },
        awsService: { Type: 'DIMENSION', Key: 'SERVICE' },
      },
    });
    const rows = groups.map(g => ({ tagKey: role, ...g }));
    this.logger.debug(
      `Cost Explorer: ${rows.length} rows for ${tagKey} ${from}..${to} in ${pages} pages`,
    );
    return rows;
  }

  /**
   * Daily cost in [from, to) of each service tag value in each environment
   * tag value (GroupBy on both of the account's tags), every page.
   */
  async serviceEnvironmentCosts(
    from: string,
    to: string,
  ): Promise<ServiceEnvironmentCostRow[]> {
    const { groups } = await this.dailyGroups({
      from,
      to,
      groupBy: {
        service: { Type: 'TAG', Key: this.tagKeyOf('service') },
        environment: { Type: 'TAG', Key: this.tagKeyOf('environment') },
      },
    });
    return groups;
  }

  /**
   * Daily EC2 cost in [from, to) of one environment's pods by AWS split cost
   * allocation data for EKS (the `aws:eks:namespace` and
   * `aws:eks:workload-name` cost allocation tags), every page. Rows without
   * a workload are the environment's other cost.
   */
  async splitCosts(
    environment: string,
    from: string,
    to: string,
  ): Promise<SplitCostRow[]> {
    const { groups } = await this.dailyGroups({
      from,
      to,
      filter: {
        Tags: { Key: this.tagKeyOf('environment'), Values: [environment] },
      },
      groupBy: {
        namespace: { Type: 'TAG', Key: 'aws:eks:namespace' },
        workload: { Type: 'TAG', Key: 'aws:eks:workload-name' },
      },
    });
    return groups;
  }

  /**
   * Every page of the daily cost in [from, to) grouped by the tags or
   * dimensions of `groupBy`, in its order: per group its day, amount,
   * whether it is estimated, and under each name of `groupBy` its value
   * (a tag's without the `key$` prefix).
   */
  private async dailyGroups<K extends string>(q: {
    from: string;
    to: string;
    groupBy: Record<K, GroupDefinition>;
    filter?: Expression;
  }): Promise<{ groups: DailyGroup<K>[]; pages: number }> {
    const groupBy = Object.entries(q.groupBy) as [K, GroupDefinition][];
    const groups: DailyGroup<K>[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: GetCostAndUsageCommandOutput = await this.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: q.from, End: q.to },
          Granularity: 'DAILY',
          Metrics: [this.options.metric],
          Filter: q.filter,
          GroupBy: groupBy.map(([, definition]) => definition),
          NextPageToken: token,
        }),
      );
      pages++;
      for (const result of page.ResultsByTime ?? []) {
        const day = result.TimePeriod?.Start;
        if (!day) continue;
        for (const group of result.Groups ?? []) {
          const keys = groupBy.map(([name, { Type, Key = '' }], i) => {
            const part = group.Keys?.[i] ?? '';
            return [name, Type === 'TAG' ? tagValueOf(part, Key) : part];
          });
          groups.push({
            day,
            ...(Object.fromEntries(keys) as Record<K, string>),
            amount: Number(group.Metrics?.[this.options.metric]?.Amount ?? 0),
            estimated: Boolean(result.Estimated),
          });
        }
      }
      token = page.NextPageToken;
    } while (token);
    return { groups, pages };
  }

  /** The account's cost-allocation tag key for a role. */
  private tagKeyOf(role: CostTagRole): string {
    const key = this.options.tags[role];
    if (!key) {
      throw new Error(`costUptime.costExplorer.tagKeys names no ${role} tag`);
    }
    return key;
  }

  /** Forecast (account total, USD) from `from` (today) to `to` (exclusive). */
  async forecast(from: string, to: string): Promise<number | undefined> {
    try {
      const out = await this.send<GetCostForecastCommandOutput>(
        new GetCostForecastCommand({
          TimePeriod: { Start: from, End: to },
          Metric: metricToForecastMetric(this.options.metric),
          Granularity: 'MONTHLY',
        }),
      );
      return Number(out.Total?.Amount ?? 0);
    } catch (e) {
      // Too little history for a forecast: not worth failing the run over.
      if ((e as Error).name === 'DataUnavailableException') {
        this.logger.info(`No cost forecast: ${(e as Error).message}`);
        return undefined;
      }
      throw e;
    }
  }

  private async send<T>(command: any): Promise<T> {
    const name = command.constructor?.name ?? 'command';
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      try {
        return (await this.client.send(command)) as T;
      } catch (e) {
        const error = e as Error;
        if (THROTTLING.has(error.name) && attempt < this.options.maxAttempts) {
          // Exponential backoff with full jitter, as AWS recommends.
          const cap = this.options.retryBaseDelayMs * 2 ** (attempt - 1);
          const delay = Math.round(cap / 2 + (Math.random() * cap) / 2);
          this.logger.warn(
            `Cost Explorer throttled (${error.name}), attempt ${attempt}/${this.options.maxAttempts}, retrying in ${delay} ms`,
          );
          await this.sleep(delay);
          continue;
        }
        if (error.name === 'DataUnavailableException') throw error;
        throw new ForwardedError(`Cost Explorer ${name} failed`, error);
      }
    }
  }
}

function metricToForecastMetric(metric: string) {
  // GetCostAndUsage metric names are CamelCase; GetCostForecast wants UPPER_SNAKE.
  return metric.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() as any;
}

/** Group keys come as `environment$dev-a`; `environment$` is untagged. */
function tagValueOf(groupKey: string, tagKey: string): string {
  return groupKey.startsWith(`${tagKey}$`)
    ? groupKey.slice(tagKey.length + 1)
    : groupKey;
}
