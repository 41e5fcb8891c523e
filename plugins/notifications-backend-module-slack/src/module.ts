import { createAlertChannelModule } from '@internal/plugin-alerts-node';
import { SlackClient } from './SlackClient';
import { SlackNotificationProcessor } from './SlackNotificationProcessor';
import { SlackStore } from './database/SlackStore';

/**
 * Slack delivery for the notifications plugin, to owner groups' channels.
 * Does nothing unless `alerts.slack` is configured.
 */
export const notificationsModuleSlackChannels = createAlertChannelModule({
  moduleId: 'slack-channels',
  channel: 'Slack',
  configKey: 'alerts.slack',
  async createProcessor({ config, logger, database, ...deps }) {
    return new SlackNotificationProcessor({
      ...deps,
      client: SlackClient.fromConfig(config, logger)!,
      store: await SlackStore.create(database),
      logger,
      config,
    });
  },
});
