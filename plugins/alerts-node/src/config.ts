import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_LANGUAGE, isLanguage, Language } from '@internal/i18n-common';

/** `alerts.groups.<name>`: where one group's alerts go without annotations. */
export interface AlertsGroupConfig {
  slackChannel?: string;
  kakaoReceiverUuids?: string[];
  /** Unset: the group's Slack channel gets `defaultLanguage`. */
  slackLanguage?: Language;
  /** Unset: the group's KakaoTalk receivers get `defaultLanguage`. */
  kakaoLanguage?: Language;
}

/** The `alerts.*` keys every alerts package shares, read once. */
export interface AlertsConfig {
  /** `app.baseUrl` without a trailing slash: chat links point there. */
  baseUrl?: string;
  /** `alerts.defaultLanguage`, else English (the app's default too). */
  defaultLanguage: Language;
  /** `alerts.groups`, by group name. */
  groups: Map<string, AlertsGroupConfig>;
}

function readLanguage(
  config: Config,
  key: string,
  where: string,
): Language | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  if (!isLanguage(value)) {
    throw new InputError(`${where} must be 'en' or 'ko', got '${value}'`);
  }
  return value;
}

/**
 * Reads the shared `alerts.*` keys (and `app.baseUrl`) once, at start-up;
 * a bad language fails the backend's start, not an alert's delivery.
 */
export function readAlertsConfig(config: Config): AlertsConfig {
  const groups = new Map<string, AlertsGroupConfig>();
  const groupsConfig = config.getOptionalConfig('alerts.groups');
  for (const name of groupsConfig?.keys() ?? []) {
    const g = groupsConfig!.getConfig(name);
    groups.set(name, {
      slackChannel: g.getOptionalString('slackChannel'),
      kakaoReceiverUuids: g.getOptionalStringArray('kakaoReceiverUuids'),
      slackLanguage: readLanguage(
        g,
        'slackLanguage',
        'alerts.groups.*.slackLanguage',
      ),
      kakaoLanguage: readLanguage(
        g,
        'kakaoLanguage',
        'alerts.groups.*.kakaoLanguage',
      ),
    });
  }
  return {
    baseUrl: config.getOptionalString('app.baseUrl')?.replace(/\/$/, ''),
    defaultLanguage:
      readLanguage(
        config,
        'alerts.defaultLanguage',
        'alerts.defaultLanguage',
      ) ?? DEFAULT_LANGUAGE,
    groups,
  };
}

/**
 * The one way the alerts packages read a task schedule: the config at `key`
 * (a `SchedulerServiceTaskScheduleDefinitionConfig`) when present, else
 * `defaults`. Present but invalid throws, so a typo is not silently the
 * default.
 */
export function readTaskSchedule(
  config: Config,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : defaults;
}
