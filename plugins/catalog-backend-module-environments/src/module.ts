import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ENVIRONMENTS_CHANGED_TOPIC,
  IacRepository,
  readPlatformConfig,
} from '@internal/plugin-environments-node';
import { EnvironmentEntityProvider } from './EnvironmentEntityProvider';

/** Catalog module: environments from the IaC repository (see EnvironmentEntityProvider). */
export const catalogModuleEnvironments = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        if (!config.has('platform.iac')) {
          logger.info(
            'platform.iac is not configured; no environments are read',
          );
          return;
        }
        const platform = readPlatformConfig(config);
        const provider = new EnvironmentEntityProvider(
          new IacRepository(platform.iac),
          logger,
        );
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'platform-environments-refresh',
          frequency: { seconds: platform.refreshSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 3 },
          fn: () => provider.refresh(),
        });
        // The scaffolder actions announce each commit, so the catalog follows at once.
        await events.subscribe({
          id: 'platform-environments',
          topics: [ENVIRONMENTS_CHANGED_TOPIC],
          onEvent: async () => {
            await provider
              .refresh()
              .catch(error =>
                logger.warn(`Environment refresh failed: ${error}`),
              );
          },
        });
      },
    });
  },
});
