import { createAlertChannelModule } from '@internal/plugin-alerts-node';
import { readSlackConfig } from './config';
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
    // createAlertChannelModule only calls this when alerts.slack is set.
    const slack = readSlackConfig(config)!;
    return new SlackNotificationProcessor({
      ...deps,
      client: new SlackClient({ ...slack, logger }),
      store: await SlackStore.create(database),
      logger,
    });
  },
});
