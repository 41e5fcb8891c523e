import { createAlertChannelModule } from '@internal/plugin-alerts-node';
import { KakaoTalkClient } from './KakaoTalkClient';
import { KakaoTalkNotificationProcessor } from './KakaoTalkNotificationProcessor';
import { KakaoTalkStore } from './database/KakaoTalkStore';

/**
 * KakaoTalk delivery for the notifications plugin. Does nothing unless
 * `alerts.kakaotalk` is configured.
 */
export const notificationsModuleKakaoTalk = createAlertChannelModule({
  moduleId: 'kakaotalk',
  channel: 'KakaoTalk',
  configKey: 'alerts.kakaotalk',
  async createProcessor({ config, logger, database, ...deps }) {
    const store = await KakaoTalkStore.create(database);
    return new KakaoTalkNotificationProcessor({
      ...deps,
      client: KakaoTalkClient.fromConfig(config, { store, logger })!,
      store,
      logger,
      config,
    });
  },
});
