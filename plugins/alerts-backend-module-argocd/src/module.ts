import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import { ArgoCdAlertPoller } from './ArgoCdAlertPoller';
import { ArgoCdClient, readArgoCdInstances } from './ArgoCdClient';
import { ArgoCdAlertStore } from './database/ArgoCdAlertStore';

/** The scheduled task's id (one run per cadence across replicas). */
export const ARGOCD_POLL_TASK_ID = 'alerts-argocd-poll';

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
      async init({
        config,
        logger,
        auth,
        database,
        scheduler,
        catalog,
        alerts,
      }) {
        const instances = readArgoCdInstances(config);
        if (!(config.getOptionalBoolean('alerts.argocd.enabled') ?? true)) {
          logger.info('alerts.argocd.enabled is false; not polling Argo CD');
          return;
        }
        if (instances.length === 0) {
          logger.info('No Argo CD instances configured; not polling Argo CD');
          return;
        }
        const timeoutMs =
          (config.getOptionalNumber('alerts.argocd.requestTimeoutSeconds') ??
            20) * 1000;
        const poller = new ArgoCdAlertPoller({
          clients: instances.map(i => new ArgoCdClient(i, { timeoutMs })),
          store: await ArgoCdAlertStore.create(database),
          alerts,
          catalog,
          auth,
          logger,
        });
        const schedule = config.has('alerts.argocd.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('alerts.argocd.schedule'),
            )
          : {
              frequency: { minutes: 2 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 30 },
            };
        await scheduler.scheduleTask({
          id: ARGOCD_POLL_TASK_ID,
          scope: 'global',
          ...schedule,
          fn: async () => {
            const { instances: polled, raised } = await poller.poll();
            logger.debug(
              `Polled Argo CD ${polled
                .map(i => `${i.name} (${i.error ? 'skipped' : i.applications})`)
                .join(', ')}; ${raised.length} alerts raised`,
            );
          },
        });
      },
    });
  },
});
