import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readTaskSchedule } from '@internal/plugin-alerts-node';
import { ArgoCdInstance, readArgoCdInstances } from './ArgoCdClient';

/** Everything the Argo CD alerts module reads from config, read once. */
export interface ArgoCdAlertsConfig {
  /** `alerts.argocd.enabled`, default true. */
  enabled: boolean;
  /** The Argo CD plugin's `argocd.appLocatorMethods` instances. */
  instances: ArgoCdInstance[];
  /** `alerts.argocd.requestTimeoutSeconds` (default 20) in ms. */
  requestTimeoutMs: number;
  /**
   * `alerts.argocd.schedule`. Default every 2 minutes, 5 minute timeout,
   * 30 s initial delay.
   */
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** Reads `alerts.argocd` and the Argo CD instances; throws on bad config. */
export function readArgoCdAlertsConfig(config: Config): ArgoCdAlertsConfig {
  return {
    enabled: config.getOptionalBoolean('alerts.argocd.enabled') ?? true,
    instances: readArgoCdInstances(config),
    requestTimeoutMs:
      (config.getOptionalNumber('alerts.argocd.requestTimeoutSeconds') ?? 20) *
      1000,
    schedule: readTaskSchedule(config, 'alerts.argocd.schedule', {
      frequency: { minutes: 2 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
    }),
  };
}
