import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { UserSettingsLanguages } from '@internal/plugin-alerts-node';
import { readAlertsBackendConfig } from './config';
import { DatabaseAlertsStore } from './database/DatabaseAlertsStore';
import { AlertsHousekeeping } from './service/AlertsHousekeeping';
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
        const { config, logger, scheduler, httpRouter } = deps;
        const settings = readAlertsBackendConfig(config);
        const store = await DatabaseAlertsStore.create(deps.database);
        const manager = new AlertsManager({
          ...deps,
          store,
          userLanguages: new UserSettingsLanguages(deps),
          defaultLanguage: settings.shared.defaultLanguage,
          burstWindowMs: settings.burstWindowMs,
          fallbackRecipients: settings.fallbackRecipients,
        });
        const webhook = new JenkinsWebhook({
          ...settings.jenkins,
          store,
          logger,
        });

        httpRouter.use(await createRouter({ ...deps, manager, webhook }));
        // Jenkins has no Backstage token; the post is checked by its HMAC.
        httpRouter.addAuthPolicy({
          path: JENKINS_WEBHOOK_PATH,
          allow: 'unauthenticated',
        });

        await new AlertsHousekeeping({
          manager,
          store,
          replayWindowMs: webhook.replayWindowMs,
        }).schedule(scheduler, settings.schedule);
      },
    });
  },
});
