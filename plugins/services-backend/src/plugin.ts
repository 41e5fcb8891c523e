import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerDeploymentsActions } from './actions/deploymentsActions';
import { registerEnvironmentDeploymentsAction } from './actions/environmentDeploymentsAction';
import { DefaultDeploymentsService } from './DeploymentsService';

/**
 * Services: the deployment picture of a service (Argo CD and Kubernetes per
 * environment) as actions for AI agents, read as the calling user.
 */
export const servicesPlugin = createBackendPlugin({
  pluginId: 'services',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({ config, auth, discovery, catalog, actionsRegistry }) {
        const deployments = new DefaultDeploymentsService({
          catalog,
          auth,
          discovery,
          config,
        });
        registerDeploymentsActions({ actionsRegistry, deployments });
        registerEnvironmentDeploymentsAction({
          actionsRegistry,
          deployments,
          catalog,
        });
      },
    });
  },
});
