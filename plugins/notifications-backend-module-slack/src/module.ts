import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import { SlackClient } from './SlackClient';
import { SlackNotificationProcessor } from './SlackNotificationProcessor';
import { SlackStore } from './database/SlackStore';

/**
 * Slack delivery for the notifications plugin, to owner groups' channels.
 * Does nothing unless `alerts.slack` is configured.
 */
export const notificationsModuleSlackChannels = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'slack-channels',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationsProcessingExtensionPoint,
      },
      async init({
        config,
        logger,
        auth,
        database,
        lifecycle,
        catalog,
        notifications,
      }) {
        const client = SlackClient.fromConfig(config, logger);
        if (!client) {
          logger.info('alerts.slack is not configured; Slack is off');
          return;
        }
        const store = await SlackStore.create(database);
        const processor = new SlackNotificationProcessor({
          client,
          store,
          catalog,
          auth,
          logger,
          config,
        });
        notifications.addProcessor(processor);
        lifecycle.addShutdownHook(() => processor.flush());
      },
    });
  },
});
