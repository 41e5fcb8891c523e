import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import {
  createAuthorizeEnvironmentChangeAction,
  createEnvironmentPipelineAction,
  createPublishEnvironmentAction,
  createRegisterEnvironmentAction,
  createRemoveEnvironmentAction,
  createRenderEnvironmentAction,
} from './actions/environmentActions';
import { registerEnvironmentActions } from './actions/mcp';
import { withPublicErrors } from './actions/publicError';
import { readPlatformConfig } from './config';
import { EnvironmentService } from './environment/EnvironmentService';
import { IacRepository } from './git/IacRepository';
import { JenkinsClient } from './jenkins/JenkinsClient';
import { createRouter } from './service/router';
import { ExpiryTask } from './expiry/ExpiryTask';

/** Scaffolder module: the environment actions, the expiry task and the extend-expiry route. */
export const scaffolderModulePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        alerts: alertsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        scaffolderService: scaffolderServiceRef,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { actions, config, logger } = deps;
        if (!config.has('platform.iac')) {
          logger.info(
            'platform.iac is not configured; the environment actions are not installed',
          );
          return;
        }
        const platform = readPlatformConfig(config);
        const service = new EnvironmentService({
          repo: new IacRepository(platform.iac),
          jenkins: new JenkinsClient(platform.jenkins),
          catalog: deps.catalog,
          auth: deps.auth,
          userInfo: deps.userInfo,
          events: deps.events,
          config: platform,
          logger,
        });
        actions.addActions(
          ...[
            createRenderEnvironmentAction(service),
            createPublishEnvironmentAction(service),
            createEnvironmentPipelineAction(service, deps.alerts),
            createRegisterEnvironmentAction(service),
            createAuthorizeEnvironmentChangeAction(service),
            createRemoveEnvironmentAction(service),
          ].map(withPublicErrors),
        );
        deps.httpRouter.use(
          await createRouter({ service, httpAuth: deps.httpAuth }),
        );
        // The same operations for AI agents (MCP), as the calling user.
        registerEnvironmentActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          catalog: deps.catalog,
          scaffolder: deps.scaffolderService,
          auditor: deps.auditor,
          appBaseUrl: config.getString('app.baseUrl'),
        });
        if (
          config.getOptionalBoolean('platform.environments.expiry.enabled') ??
          true
        ) {
          await ExpiryTask.schedule({
            service,
            scheduler: deps.scheduler,
            alerts: deps.alerts,
            logger: logger.child({ task: 'environment-expiry' }),
            config,
          });
        }
      },
    });
  },
});
