import { createAlertChannelModule } from '@internal/plugin-alerts-node';
import { readKakaoTalkConfig } from './config';
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
    // createAlertChannelModule only calls this when alerts.kakaotalk is set.
    const kakao = readKakaoTalkConfig(config)!;
    const store = await KakaoTalkStore.create(database);
    return new KakaoTalkNotificationProcessor({
      ...deps,
      client: new KakaoTalkClient(kakao.client, { store, logger }),
      store,
      logger,
      sendToMe: kakao.sendToMe,
      batchWindowMs: kakao.batchWindowMs,
    });
  },
});
