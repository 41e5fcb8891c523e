import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { UserSettingsLanguages } from '@internal/plugin-alerts-node';
import { DatabaseAlertsStore } from './database/DatabaseAlertsStore';
import { AlertsManager } from './service/AlertsManager';
import { JenkinsWebhook } from './service/JenkinsWebhook';
import { createRouter, JENKINS_WEBHOOK_PATH } from './service/router';

/**
 * Alerts: events from the portal's plugins and the signed Jenkins webhook,
 * deduplicated, grouped and sent through the notifications plugin.
 */
export const alertsPlugin = createBackendPlugin({
  pluginId: 'alerts',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, scheduler, httpRouter } = deps;
        const store = await DatabaseAlertsStore.create(database);
        const userLanguages = new UserSettingsLanguages(deps);
        const manager = AlertsManager.fromConfig(config, {
          ...deps,
          store,
          userLanguages,
        });
        const webhook = new JenkinsWebhook({ config, store, logger });

        httpRouter.use(await createRouter({ ...deps, manager, webhook }));
        // Jenkins has no Backstage token; the post is checked by its HMAC.
        httpRouter.addAuthPolicy({
          path: JENKINS_WEBHOOK_PATH,
          allow: 'unauthenticated',
        });

        await scheduler.scheduleTask({
          id: 'alerts-flush-bursts',
          frequency: { seconds: 30 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          fn: async () => {
            await manager.flushBursts();
            await store.pruneDeliveries(
              new Date(Date.now() - 2 * webhook.replayWindowMs),
            );
          },
        });
      },
    });
  },
});
