import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  AlertsConfig,
  readAlertsConfig,
  readTaskSchedule,
} from '@internal/plugin-alerts-node';

/** Everything the alerts backend reads from config, read once at start-up. */
export interface AlertsBackendConfig {
  /** The `alerts.*` keys the chat channels share (languages, groups). */
  shared: AlertsConfig;
  /** `alerts.burstWindow`, default 5 minutes. */
  burstWindowMs: number;
  /** `alerts.fallbackRecipients`, default `[group:default/platform-admins]`. */
  fallbackRecipients: string[];
  jenkins: {
    /** `alerts.jenkins.webhookSecret`; without it every post is refused. */
    webhookSecret?: string;
    /** `alerts.jenkins.maxAgeSeconds` (default 300) in ms. */
    maxAgeMs: number;
  };
  /**
   * `alerts.schedule`: when held digests go out and old webhook delivery
   * ids are pruned. Default every 30 s, 2 minute timeout, 30 s initial delay.
   */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Reads the alerts backend's config; throws on a malformed value. */
export function readAlertsBackendConfig(config: Config): AlertsBackendConfig {
  return {
    shared: readAlertsConfig(config),
    burstWindowMs: config.has('alerts.burstWindow')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'alerts.burstWindow' }),
        )
      : 5 * 60_000,
    fallbackRecipients: config.getOptionalStringArray(
      'alerts.fallbackRecipients',
    ) ?? ['group:default/platform-admins'],
    jenkins: {
      webhookSecret: config.getOptionalString('alerts.jenkins.webhookSecret'),
      maxAgeMs:
        (config.getOptionalNumber('alerts.jenkins.maxAgeSeconds') ?? 300) *
        1000,
    },
    schedule: readTaskSchedule(config, 'alerts.schedule', {
      frequency: { seconds: 30 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 30 },
    }),
  };
}
