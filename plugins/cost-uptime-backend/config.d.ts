import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Cost and uptime plugin (plugins/cost-uptime-backend). */
  costUptime?: {
    /**
     * Currency amounts are shown in. Cost Explorer reports USD; other
     * currencies use `exchangeRates`.
     * @visibility frontend
     */
    currency?: 'USD' | 'KRW';
    /** Units of each currency per USD, e.g. { KRW: 1380 }. */
    exchangeRates?: { [currency: string]: number };
    /**
     * When collection runs. Default: every 6 hours, 15 minute timeout, first
     * run 1 minute after start.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** AWS Cost Explorer. Leave out to collect no billing data. */
    costExplorer?: {
      /** Another endpoint than AWS's (the local stand-in). */
      endpoint?: string;
      /** Cost Explorer lives in us-east-1. */
      region?: string;
      /**
       * Static credentials, for the local stand-in only. Production uses the
       * default provider chain (IRSA / instance profile).
       */
      credentials?: {
        accessKeyId: string;
        /** @visibility secret */
        secretAccessKey: string;
      };
      /** UnblendedCost (default), AmortizedCost, NetUnblendedCost, ... */
      metric?: string;
      /**
       * The account's cost-allocation tag keys: first the tag naming a
       * resource's environment (the primary one: totals, environments,
       * budgets), then optionally the tag naming the application service of
       * a dedicated resource. The catalog annotations
       * `cost-uptime.io/environment` and `cost-uptime.io/service` take these
       * tags' values, whatever the keys are called. Default
       * [environment, service].
       */
      tagKeys?: string[];
      /** Days the first run backfills (default 90, at most 396 ~ 13 months). */
      backfillDays?: number;
      /** Days before the newest stored day that every run fetches again (default 3). */
      restatementDays?: number;
      /**
       * Also fetch this month's cost of each `service` tag value per
       * `environment` tag value (one more request per run, GroupBy on both
       * tags), for the services' Deployments card. Default false.
       */
      serviceByEnvironment?: boolean;
      /**
       * The account has AWS split cost allocation data for EKS enabled and
       * its `aws:eks:namespace` and `aws:eks:workload-name` tags activated:
       * the allocation takes each workload's EC2 cost from the bill instead
       * of from the cluster's metrics (one request more per environment and
       * run). Default false.
       */
      eksSplitCost?: boolean;
      /** Attempts per request when throttled (default 6). */
      maxAttempts?: number;
      /** First backoff delay after a throttling error, in ms (default 1000). */
      retryBaseDelayMs?: number;
    };
    /** Prometheus servers, one per environment. */
    prometheus?: {
      servers?: Array<{
        /** The environment tag value this server watches (e.g. dev-a). */
        environment: string;
        url: string;
        /** @visibility secret */
        bearerToken?: string;
      }>;
      /** Days of hourly samples the first run backfills (default 30). */
      backfillDays?: number;
      /** PromQL overrides; `$job` is replaced by the service's job. */
      queries?: {
        cpu_percent?: string;
        memory_percent?: string;
        disk_percent?: string;
        pv_gb?: string;
        network_kbps?: string;
        nodes?: string;
        availability?: string;
        probeAvailability?: string;
      };
      /** Services watched even without a catalog entity (job names). */
      services?: string[];
    };
    /** The hourly estimate for days not billed yet (node count x price + EKS + EBS). */
    estimate?: {
      /** USD per node-hour (default 0.0832, m5.large-class on-demand). */
      instanceHourlyPrice?: number;
      /** USD per cluster-hour (default 0.10). */
      eksHourlyPrice?: number;
      /** USD per GB-month of gp3 (default 0.08). */
      ebsGbMonthPrice?: number;
      /** Root volume per node in GB (default 20). */
      rootVolumeGb?: number;
    };
    /** Availability target in percent when an entity has no cost-uptime.io/slo (default 99.5). */
    defaultSlo?: number;
    /**
     * Alerts checked after every collection run that stored data (scheduled
     * or started by an admin) and raised through the alerts plugin, which
     * sends each one once to the owners of the environment's or service's
     * entity (untagged cost: to `alerts.fallbackRecipients`). Amounts are in
     * `currency`. Cost rules look at complete billed days only (before
     * today; Cost Explorer keeps the whole open month `Estimated`, so that
     * flag is not waited for), never at the estimate for today. While the
     * catalog has no entity with a cost-uptime.io/environment or /service
     * annotation (right after start), alerts wait for the next run.
     */
    alerts?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * Monthly budget per environment (its `environment` tag value), e.g.
       * { dev-a: 500 }. The annotation `cost-uptime.io/monthly-budget` on the
       * environment's entity wins over this. No budget, no budget alert.
       * Alerts once per environment and month when the month's cost so far
       * reaches the budget.
       */
      budgets?: { [environment: string]: number };
      /**
       * Also alert (once per environment and month) when the forecast
       * reaches the budget before the cost so far does. The forecast is the
       * month's cost so far plus the average of the last 7 billed days for
       * each day left. Default true.
       */
      forecastOverBudget?: boolean;
      /**
       * Growth in percent that alerts: `day` compares the last billed day
       * with the day before (once per environment and day), `week` the last
       * complete ISO week (Monday to Sunday) with the week before (once per
       * environment and week). Defaults { day: 50, week: 30 }.
       */
      growthThresholdPercent?: { day?: number; week?: number };
      /**
       * A day that cost less than this is not checked for growth (a week:
       * 7 times this), so $0.01 → $0.03 is no 200% alert. Nor is a day after
       * one with no cost. Default 10.
       */
      growthMinimumAmount?: number;
      /**
       * Share (0..1) of the month's cost so far without the environment tag
       * that alerts (once a month). Default 0.1.
       */
      untaggedMaxShare?: number;
      /** Untagged cost below this amount does not alert. Default 10. */
      untaggedMinimumAmount?: number;
      /**
       * Days over which a service's availability is checked against its SLO
       * (`cost-uptime.io/slo`, else `defaultSlo`), per environment, ending
       * today; alerts at most once a day per service and environment.
       * Default 30.
       */
      availabilityWindowDays?: number;
      /** Fewer hours of availability data in the window: not judged yet. Default 24. */
      availabilityMinimumHours?: number;
    };
    /**
     * Cost of each service on a shared EKS cluster, from the cluster's
     * Prometheus (kube-state-metrics, cAdvisor) priced by the billed EC2,
     * EBS, EKS and ELB cost of its environment. On by default.
     */
    allocation?: {
      enabled?: boolean;
      /** On-demand USD per hour by instance type: the relative weight of a node. */
      instancePrices?: { [instanceType: string]: number };
      /** A spot node's weight relative to on-demand. Default 0.35. */
      spotFactor?: number;
      /** Namespaces whose cost is shared platform cost. */
      sharedNamespaces?: string[];
    };
  };
}
