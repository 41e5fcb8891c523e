import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import { ArgoCdAlertPoller } from './ArgoCdAlertPoller';
import { ArgoCdClient } from './ArgoCdClient';
import { scheduleArgoCdPolling } from './ArgoCdPollTask';
import { readArgoCdAlertsConfig } from './config';
import { ArgoCdAlertStore } from './database/ArgoCdAlertStore';

/**
 * Argo CD sync failures and degraded health as alerts: polls every
 * configured Argo CD instance on a schedule (`alerts.argocd`).
 */
export const alertsModuleArgoCd = createBackendModule({
  pluginId: 'alerts',
  moduleId: 'argocd',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        alerts: alertsServiceRef,
      },
      async init({ config, logger, database, scheduler, ...deps }) {
        const settings = readArgoCdAlertsConfig(config);
        if (!settings.enabled) {
          logger.info('alerts.argocd.enabled is false; not polling Argo CD');
          return;
        }
        if (settings.instances.length === 0) {
          logger.info('No Argo CD instances configured; not polling Argo CD');
          return;
        }
        const timeoutMs = settings.requestTimeoutMs;
        const poller = new ArgoCdAlertPoller({
          ...deps,
          clients: settings.instances.map(
            i => new ArgoCdClient(i, { timeoutMs }),
          ),
          store: await ArgoCdAlertStore.create(database),
          logger,
        });
        await scheduleArgoCdPolling({
          scheduler,
          schedule: settings.schedule,
          poller,
          logger,
        });
      },
    });
  },
});
