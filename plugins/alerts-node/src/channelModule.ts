import {
  AuthService,
  coreServices,
  createBackendModule,
  DatabaseService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  NotificationProcessor,
  notificationsProcessingExtensionPoint,
} from '@backstage/plugin-notifications-node';
import { AlertsConfig, readAlertsConfig } from './config';
import { createDeliveryMetrics, DeliveryMetrics } from './deliveryMetrics';

/** What a channel's processor is made from. */
export interface ChannelModuleDeps {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  database: DatabaseService;
  catalog: CatalogService;
  /** The shared `alerts.*` keys, read once at start-up. */
  alertsConfig: AlertsConfig;
  /** The channel's delivery counters. */
  deliveryMetrics: DeliveryMetrics;
}

/** A processor that may hold messages back (batching) until `flush`. */
export interface ChannelProcessor extends NotificationProcessor {
  flush(): Promise<void>;
}

/**
 * A notifications-plugin module delivering to one outside channel (Slack,
 * KakaoTalk): off, with a log line, unless `configKey` is configured; its
 * processor is flushed when the backend shuts down, so nothing batched is
 * lost on a rolling restart.
 */
export function createAlertChannelModule(options: {
  moduleId: string;
  /** The channel's name in logs, e.g. `Slack`. */
  channel: string;
  /** Config that turns the channel on, e.g. `alerts.slack`. */
  configKey: string;
  createProcessor(deps: ChannelModuleDeps): Promise<ChannelProcessor>;
}) {
  return createBackendModule({
    pluginId: 'notifications',
    moduleId: options.moduleId,
    register(reg) {
      reg.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          database: coreServices.database,
          lifecycle: coreServices.lifecycle,
          catalog: catalogServiceRef,
          metrics: metricsServiceRef,
          notifications: notificationsProcessingExtensionPoint,
        },
        async init({ lifecycle, notifications, metrics, ...deps }) {
          if (!deps.config.has(options.configKey)) {
            deps.logger.info(
              `${options.configKey} is not configured; ${options.channel} is off`,
            );
            return;
          }
          const processor = await options.createProcessor({
            ...deps,
            alertsConfig: readAlertsConfig(deps.config),
            deliveryMetrics: createDeliveryMetrics(metrics, options.channel),
          });
          notifications.addProcessor(processor);
          lifecycle.addShutdownHook(() => processor.flush());
        },
      });
    },
  });
}
