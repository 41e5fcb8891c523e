import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationsProcessingExtensionPoint } from '@backstage/plugin-notifications-node';
import { KakaoTalkClient } from './KakaoTalkClient';
import { KakaoTalkNotificationProcessor } from './KakaoTalkNotificationProcessor';
import { KakaoTalkStore } from './database/KakaoTalkStore';

/**
 * KakaoTalk delivery for the notifications plugin. Does nothing unless
 * `alerts.kakaotalk` is configured.
 */
export const notificationsModuleKakaoTalk = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'kakaotalk',
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
        if (!config.has('alerts.kakaotalk')) {
          logger.info('alerts.kakaotalk is not configured; KakaoTalk is off');
          return;
        }
        const store = await KakaoTalkStore.create(database);
        const client = KakaoTalkClient.fromConfig(config, { store, logger })!;
        const processor = new KakaoTalkNotificationProcessor({
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
