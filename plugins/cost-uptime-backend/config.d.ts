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
       * Cost-allocation tag keys to group by. The first is the primary one
       * (totals and the environment breakdown). Default [environment, service].
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
  };
}
