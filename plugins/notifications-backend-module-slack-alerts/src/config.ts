import { Config } from '@backstage/config';
import { RetryOptions } from '@internal/plugin-alerts-node';

/** `alerts.slack`, read once at start-up. */
export interface SlackConfig {
  /** Slack Web API base without a trailing slash. */
  apiBaseUrl: string;
  /** Bot token (`xoxb-...`). */
  token: string;
  retry: RetryOptions;
}

/** Reads `alerts.slack`; undefined when it is absent (Slack is off). */
export function readSlackConfig(config: Config): SlackConfig | undefined {
  const c = config.getOptionalConfig('alerts.slack');
  if (!c) return undefined;
  return {
    apiBaseUrl: (
      c.getOptionalString('apiBaseUrl') ?? 'https://slack.com/api'
    ).replace(/\/$/, ''),
    token: c.getString('token'),
    retry: {
      maxAttempts: c.getOptionalNumber('maxAttempts'),
      initialDelayMs: c.getOptionalNumber('initialRetryDelayMs'),
    },
  };
}
