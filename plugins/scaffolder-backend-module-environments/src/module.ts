import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import {
  EnvironmentService,
  HttpEnvironmentRunRecorder,
} from '@internal/plugin-environments-node';
import {
  createAuthorizeEnvironmentChangeAction,
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRegisterEnvironmentAction,
  createRemoveEnvironmentAction,
  createRenderEnvironmentAction,
} from './actions';
import { withPublicErrors } from '@internal/plugin-scaffolder-node-public-errors';

/** Scaffolder module: the environment templates' actions (`platform:environment:*`). */
export const scaffolderModuleEnvironments = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        alerts: alertsServiceRef,
      },
      async init(deps) {
        const { actions, config, logger } = deps;
        if (!config.has('platform.iac')) {
          logger.info(
            'platform.iac is not configured; the environment actions are not installed',
          );
          return;
        }
        const service = EnvironmentService.fromConfig(config, deps);
        // Runs go into the environments plugin's history, through its API.
        const recorder = new HttpEnvironmentRunRecorder(deps);
        actions.addActions(
          ...[
            createRenderEnvironmentAction(service),
            createPublishEnvironmentAction(service),
            createEnvironmentPipelineAction(service, deps.alerts, recorder),
            createRegisterEnvironmentAction(service),
            createAuthorizeEnvironmentChangeAction(service),
            createRemoveEnvironmentAction(service),
          ].map(withPublicErrors),
        );
      },
    });
  },
});
