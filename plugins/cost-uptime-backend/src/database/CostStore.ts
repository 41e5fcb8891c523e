import type {
  CollectionRun,
  UsageMetric,
} from '@internal/plugin-cost-uptime-common';
import type { AllocationBatch } from './AllocationStore';

/**
 * One row of Cost Explorer's daily cost, grouped by one tag and the SERVICE
 * dimension. `awsService` is AWS's product line ("Amazon Elastic Compute
 * Cloud - Compute"), not the application service of the `service` tag.
 */
export interface CostRow {
  tagKey: string;
  day: string;
  tagValue: string;
  awsService: string;
  amount: number;
  estimated: boolean;
}

/** Cost of one application service (`service` tag) in one environment (tag) on one day. */
export interface ServiceEnvironmentCostRow {
  day: string;
  service: string;
  environment: string;
  amount: number;
  estimated: boolean;
}

/** Everything one run fetched, written in one transaction. */
export interface CollectionBatch {
  /**
   * Per tag key, the days the run fetched ([from, to), YYYY-MM-DD): stored
   * rows in that window are replaced, so a day AWS restated or a group that
   * disappeared leaves nothing stale behind.
   */
  costs: { tagKey: string; from: string; to: string; rows: CostRow[] }[];
  /** Service x environment cost for the days [from, to), replacing those days. */
  serviceEnvironments?: {
    from: string;
    to: string;
    rows: ServiceEnvironmentCostRow[];
  };
  forecast?: {
    month: string;
    fromDay: string;
    amount: number;
    fetchedAt: string;
  };
  usage: {
    environment: string;
    metric: UsageMetric;
    hour: string;
    value: number;
  }[];
  sli: { sliKey: string; environment: string; hour: string; value: number }[];
  estimates: {
    environment: string;
    hour: string;
    nodes: number;
    pvGb: number;
    amount: number;
  }[];
  /** Estimates for days up to this one (inclusive) are dropped: billed figures replaced them. */
  billedThrough?: string;
  /** Cluster cost per service, shared and idle, for the environment-days allocated. */
  allocations?: AllocationBatch;
}

/** A stored collection run: the API's run without the figures derived from it. */
export type RunRecord = Omit<CollectionRun, 'costExplorerCostUsd'>;

export interface AmountByKey {
  period: string;
  key: string;
  amount: number;
  estimated: boolean;
}

/** The record of collection runs (table `collection_runs`). */
export interface RunStore {
  startRun(trigger: RunRecord['trigger'], startedAt: string): Promise<number>;
  finishRun(
    id: number,
    result: Pick<
      RunRecord,
      | 'status'
      | 'error'
      | 'warnings'
      | 'rowsWritten'
      | 'costExplorerRequests'
      | 'prometheusRequests'
    > & { finishedAt: string },
  ): Promise<void>;
  listRuns(limit: number): Promise<RunRecord[]>;
  getRun(id: number): Promise<RunRecord | undefined>;
}

/** Writing a run's data: facts, their rollups, estimates, allocations. */
export interface CostWriter {
  /** Newest stored day for a tag key, if any. */
  latestCostDay(tagKey: string): Promise<string | undefined>;
  /** Writes a run's data atomically and returns the number of rows written. */
  write(batch: CollectionBatch): Promise<number>;
}

/**
 * Reading cost: days are UTC `YYYY-MM-DD`, ranges [from, to] inclusive of
 * both (whole days; the facts are keyed by day).
 */
export interface CostQueries {
  /**
   * Daily cost per tag value of one key in [from, to] (inclusive); with
   * tagValue or tagValues, only those tag values'.
   */
  dailyByTag(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
    tagValues?: string[];
  }): Promise<AmountByKey[]>;
  /**
   * Per day in [from, to]: the cost of all tag values of one key, how many
   * tag values had cost and how many of them an estimated amount.
   */
  overallByDay(q: { tagKey: string; from: string; to: string }): Promise<
    {
      period: string;
      amount: number;
      estimated: boolean;
      tagValues: number;
      estimatedTagValues: number;
    }[]
  >;
  /** Daily cost per AWS service in [from, to]; with tagValue, only that tag value's. */
  dailyByAwsService(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
  }): Promise<AmountByKey[]>;
  /** Monthly cost per tag value or per AWS service in [fromMonth, toMonth]. */
  monthly(q: {
    tagKey: string;
    fromMonth: string;
    toMonth: string;
    groupBy: 'tag' | 'awsService';
    tagValue?: string;
  }): Promise<AmountByKey[]>;
  /** Total per day in [from, to] (inclusive) of one tag key, or of one tag value. */
  totalsByDay(q: {
    tagKey: string;
    from: string;
    to: string;
    tagValue?: string;
  }): Promise<{ period: string; amount: number; estimated: boolean }[]>;
  /** Sum per tag value or per AWS service over [from, to] (inclusive). */
  sumsByKey(q: {
    tagKey: string;
    from: string;
    to: string;
    by: 'tag' | 'awsService';
    tagValue?: string;
  }): Promise<{ key: string; amount: number }[]>;
  /**
   * sumsByKey for several ranges at once (one answer per range, in order; an
   * empty one for a range whose from is after its to): the summary's four
   * ranges in one or two queries instead of four to eight.
   */
  sumsByKeyOverRanges(q: {
    tagKey: string;
    by: 'tag' | 'awsService';
    tagValue?: string;
    ranges: { from: string; to: string }[];
  }): Promise<{ key: string; amount: number }[][]>;
  forecast(
    month: string,
  ): Promise<{ fromDay: string; amount: number } | undefined>;
  /** One service's cost per environment over [from, to] (inclusive). */
  serviceEnvironmentSums(q: {
    service: string;
    from: string;
    to: string;
  }): Promise<{ environment: string; amount: number; estimated: boolean }[]>;
  /** Hourly estimates from `fromHour` on, per environment. */
  estimates(
    fromHour: string,
  ): Promise<{ environment: string; hour: string; amount: number }[]>;
}

/**
 * Usage and uptime (SLI) series. Hours are `YYYY-MM-DDTHH` (UTC); a day's
 * hours are [dayT00, next dayT00).
 */
export interface UsageSliStore {
  /** Newest stored usage hour for an environment, if any. */
  latestUsageHour(environment: string): Promise<string | undefined>;
  latestSliHour(environment: string): Promise<string | undefined>;

  usage(q: {
    granularity: 'hour' | 'day';
    from: string;
    to: string;
    environment?: string;
  }): Promise<
    { ts: string; environment: string; metric: UsageMetric; value: number }[]
  >;
  sliDaily(q: {
    from: string;
    to: string;
    sliKey?: string;
    /** Only this environment's SLIs. */
    environment?: string;
  }): Promise<
    {
      sliKey: string;
      environment: string;
      day: string;
      value: number;
      hours: number;
    }[]
  >;
}

/** Storage of collected cost, usage and uptime, and of the runs that collected them. */
export interface CostStore
  extends RunStore,
    CostWriter,
    CostQueries,
    UsageSliStore {}
