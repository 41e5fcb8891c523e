import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_ALLOCATION_SETTINGS,
  type AllocationSettings,
  type Currency,
  type UsageMetric,
} from '@internal/plugin-cost-uptime-common';

/**
 * The two cost-allocation tags the portal reads, by what they mean to it:
 * `environment` (the primary tag: totals, environments, budgets) and
 * `service` (the application a dedicated resource belongs to). Stored cost,
 * the API and the catalog annotations speak of these roles; only the
 * Cost Explorer requests use the account's own tag keys.
 */
export type CostTagRole = 'environment' | 'service';

export interface CostExplorerOptions {
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  metric: string;
  /**
   * The account's tag key for each role (`costExplorer.tagKeys`: the
   * environment tag first, then the service tag). Without a service tag,
   * only environments are collected.
   */
  tags: { environment: string; service?: string };
  /** Fetch month-to-date cost per service tag and environment tag too. */
  serviceByEnvironment: boolean;
  /** Read AWS split cost allocation data for EKS (`aws:eks:*` tags) for the allocation. */
  eksSplitCost: boolean;
  backfillDays: number;
  restatementDays: number;
  maxAttempts: number;
  retryBaseDelayMs: number;
}

export interface PrometheusOptions {
  servers: { environment: string; url: string; bearerToken?: string }[];
  backfillDays: number;
  queries: Record<UsageMetric | 'availability' | 'probeAvailability', string>;
  services: string[];
}

export interface EstimateOptions {
  instanceHourlyPrice: number;
  eksHourlyPrice: number;
  ebsGbMonthPrice: number;
  rootVolumeGb: number;
}

/**
 * What the alert detector checks after each collection run. Amounts are in
 * the portal's currency (`costUptime.currency`), like the dashboard's.
 */
export interface AlertOptions {
  /** Monthly budget per environment (primary tag value). */
  budgets: Record<string, number>;
  /** Also alert when the month's forecast passes the budget. */
  forecastOverBudget: boolean;
  /** Growth in percent that alerts, day over day and week over week. */
  growthThresholdPercent: { day: number; week: number };
  /** A day cheaper than this is not checked for growth; a week, 7 times it. */
  growthMinimumAmount: number;
  /** Share (0..1) of the month's cost without the environment tag that alerts. */
  untaggedMaxShare: number;
  /** Untagged cost below this amount does not alert, whatever its share. */
  untaggedMinimumAmount: number;
  /** Days of availability the SLO is checked over (ending today). */
  availabilityWindowDays: number;
  /** Fewer hours of SLI data in the window than this: not judged yet. */
  availabilityMinimumHours: number;
}

export interface CostUptimeOptions {
  currency: Currency;
  /** Units of `currency` per USD. */
  rate: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
  costExplorer?: CostExplorerOptions;
  prometheus: PrometheusOptions;
  estimate: EstimateOptions;
  defaultSlo: number;
  /** Undefined when `costUptime.alerts.enabled` is false. */
  alerts?: AlertOptions;
  /** Cluster cost per service; undefined when `costUptime.allocation.enabled` is false. */
  allocation?: AllocationSettings;
}

/**
 * Default PromQL. Usage is per environment (one Prometheus per cluster);
 * `$job` is a service's job. Each query answers one series.
 */
const DEFAULT_QUERIES: PrometheusOptions['queries'] = {
  cpu_percent: '100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m])))',
  memory_percent:
    '100 * (1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes))',
  disk_percent:
    '100 * (1 - sum(node_filesystem_avail_bytes{mountpoint="/"}) / sum(node_filesystem_size_bytes{mountpoint="/"}))',
  pv_gb: 'sum(kubelet_volume_stats_capacity_bytes) / 1e9',
  network_kbps:
    'sum(rate(node_network_receive_bytes_total[5m]) + rate(node_network_transmit_bytes_total[5m])) / 1024',
  nodes: 'sum(kube_node_status_condition{condition="Ready",status="true"})',
  availability: 'avg(avg_over_time(up{job="$job"}[1h]))',
  probeAvailability: 'avg(avg_over_time(probe_success{job="$job"}[1h]))',
};

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 6 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

/** Reads and checks `costUptime` once, with messages that name the key. */
export function readCostUptimeOptions(root: Config): CostUptimeOptions {
  const config = root.getOptionalConfig('costUptime');
  const currency = (config?.getOptionalString('currency') ?? 'USD') as Currency;
  if (currency !== 'USD' && currency !== 'KRW') {
    throw new InputError(
      `costUptime.currency must be USD or KRW, got ${currency}`,
    );
  }
  const rates = config?.getOptionalConfig('exchangeRates');
  const rate =
    currency === 'USD' ? 1 : rates?.getOptionalNumber(currency) ?? 1380;

  const scheduleConfig = config?.getOptionalConfig('schedule');
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : DEFAULT_SCHEDULE;

  const ce = config?.getOptionalConfig('costExplorer');
  let costExplorer: CostExplorerOptions | undefined;
  if (ce) {
    const backfillDays = ce.getOptionalNumber('backfillDays') ?? 90;
    if (backfillDays < 1 || backfillDays > 396) {
      throw new InputError(
        'costUptime.costExplorer.backfillDays must be 1..396 (Cost Explorer keeps 13 months)',
      );
    }
    const creds = ce.getOptionalConfig('credentials');
    costExplorer = {
      endpoint: ce.getOptionalString('endpoint'),
      region: ce.getOptionalString('region') ?? 'us-east-1',
      credentials: creds
        ? {
            accessKeyId: creds.getString('accessKeyId'),
            secretAccessKey: creds.getString('secretAccessKey'),
          }
        : undefined,
      metric: ce.getOptionalString('metric') ?? 'UnblendedCost',
      tags: readTagKeys(ce),
      serviceByEnvironment:
        ce.getOptionalBoolean('serviceByEnvironment') ?? false,
      eksSplitCost: ce.getOptionalBoolean('eksSplitCost') ?? false,
      backfillDays,
      restatementDays: ce.getOptionalNumber('restatementDays') ?? 3,
      maxAttempts: ce.getOptionalNumber('maxAttempts') ?? 6,
      retryBaseDelayMs: ce.getOptionalNumber('retryBaseDelayMs') ?? 1000,
    };
  }

  const prom = config?.getOptionalConfig('prometheus');
  const queries = { ...DEFAULT_QUERIES };
  const overrides = prom?.getOptionalConfig('queries');
  for (const key of Object.keys(queries) as (keyof typeof queries)[]) {
    const q = overrides?.getOptionalString(key);
    if (q) queries[key] = q;
  }
  const est = config?.getOptionalConfig('estimate');
  return {
    currency,
    rate,
    schedule,
    costExplorer,
    prometheus: {
      servers: (prom?.getOptionalConfigArray('servers') ?? []).map(s => ({
        environment: s.getString('environment'),
        url: s.getString('url').replace(/\/+$/, ''),
        bearerToken: s.getOptionalString('bearerToken'),
      })),
      backfillDays: prom?.getOptionalNumber('backfillDays') ?? 30,
      queries,
      services: prom?.getOptionalStringArray('services') ?? [],
    },
    estimate: {
      instanceHourlyPrice:
        est?.getOptionalNumber('instanceHourlyPrice') ?? 0.0832,
      eksHourlyPrice: est?.getOptionalNumber('eksHourlyPrice') ?? 0.1,
      ebsGbMonthPrice: est?.getOptionalNumber('ebsGbMonthPrice') ?? 0.08,
      rootVolumeGb: est?.getOptionalNumber('rootVolumeGb') ?? 20,
    },
    defaultSlo: config?.getOptionalNumber('defaultSlo') ?? 99.5,
    alerts: readAlertOptions(config?.getOptionalConfig('alerts')),
    allocation: readAllocationSettings(config?.getOptionalConfig('allocation')),
  };
}

function readAllocationSettings(
  config: Config | undefined,
): AllocationSettings | undefined {
  if (config?.getOptionalBoolean('enabled') === false) return undefined;
  const d = DEFAULT_ALLOCATION_SETTINGS;
  const prices = config?.getOptionalConfig('instancePrices');
  return {
    ...d,
    instancePrices: {
      ...d.instancePrices,
      ...Object.fromEntries(
        (prices?.keys() ?? []).map(k => [k, prices!.getNumber(k)]),
      ),
    },
    spotFactor: config?.getOptionalNumber('spotFactor') ?? d.spotFactor,
    sharedNamespaces:
      config?.getOptionalStringArray('sharedNamespaces') ?? d.sharedNamespaces,
  };
}

function readAlertOptions(
  config: Config | undefined,
): AlertOptions | undefined {
  if (config?.getOptionalBoolean('enabled') === false) return undefined;
  const key = (name: string) => `costUptime.alerts.${name}`;
  const nonNegative = (name: string, fallback: number) => {
    const value = config?.getOptionalNumber(name) ?? fallback;
    if (!Number.isFinite(value) || value < 0) {
      throw new InputError(`${key(name)} must be a number >= 0, got ${value}`);
    }
    return value;
  };
  const budgets: Record<string, number> = {};
  const budgetConfig = config?.getOptionalConfig('budgets');
  for (const environment of budgetConfig?.keys() ?? []) {
    const amount = budgetConfig!.getNumber(environment);
    if (!(amount > 0)) {
      throw new InputError(
        `${key(
          `budgets.${environment}`,
        )} must be a positive amount, got ${amount}`,
      );
    }
    budgets[environment] = amount;
  }
  const growth = config?.getOptionalConfig('growthThresholdPercent');
  const percent = (period: 'day' | 'week', fallback: number) => {
    const value = growth?.getOptionalNumber(period) ?? fallback;
    if (!(value > 0)) {
      throw new InputError(
        `${key(
          `growthThresholdPercent.${period}`,
        )} must be a positive percentage, got ${value}`,
      );
    }
    return value;
  };
  const untaggedMaxShare = config?.getOptionalNumber('untaggedMaxShare') ?? 0.1;
  if (!(untaggedMaxShare > 0 && untaggedMaxShare <= 1)) {
    throw new InputError(
      `${key(
        'untaggedMaxShare',
      )} is a share of the total: more than 0, at most 1 (0.1 is 10%), got ${untaggedMaxShare}`,
    );
  }
  const availabilityWindowDays =
    config?.getOptionalNumber('availabilityWindowDays') ?? 30;
  if (!Number.isInteger(availabilityWindowDays) || availabilityWindowDays < 1) {
    throw new InputError(
      `${key(
        'availabilityWindowDays',
      )} must be a whole number of days >= 1, got ${availabilityWindowDays}`,
    );
  }
  return {
    budgets,
    forecastOverBudget:
      config?.getOptionalBoolean('forecastOverBudget') ?? true,
    growthThresholdPercent: {
      day: percent('day', 50),
      week: percent('week', 30),
    },
    growthMinimumAmount: nonNegative('growthMinimumAmount', 10),
    untaggedMaxShare,
    untaggedMinimumAmount: nonNegative('untaggedMinimumAmount', 10),
    availabilityWindowDays,
    availabilityMinimumHours: nonNegative('availabilityMinimumHours', 24),
  };
}

/** `costExplorer.tagKeys`: [environment tag, service tag?], distinct. */
function readTagKeys(ce: Config): CostExplorerOptions['tags'] {
  const keys = ce.getOptionalStringArray('tagKeys') ?? [
    'environment',
    'service',
  ];
  const [environment, service, ...rest] = keys.map(k => k.trim());
  if (!environment || rest.length > 0 || service === '') {
    throw new InputError(
      'costUptime.costExplorer.tagKeys must name the environment tag, then optionally the service tag',
    );
  }
  if (service === environment) {
    throw new InputError(
      `costUptime.costExplorer.tagKeys names ${environment} twice`,
    );
  }
  return { environment, service };
}
