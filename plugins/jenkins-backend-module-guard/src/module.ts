import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerLatestBuildAction } from './actions/latestBuildAction';
import { createJenkinsGuard } from './createJenkinsGuard';

/**
 * Mounts the guard on the Jenkins plugin's router (a plugin's modules start
 * before the plugin, so the guard comes before the plugin's own routes), and
 * registers the Jenkins plugin's get-latest-build action, which reads through
 * those routes as the caller.
 */
export const jenkinsModuleGuard = createBackendModule({
  pluginId: 'jenkins',
  moduleId: 'guard',
  register(reg) {
    reg.registerInit({
      deps: {
        http: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({ http, actionsRegistry, discovery, ...deps }) {
        http.use(createJenkinsGuard(deps));
        registerLatestBuildAction({
          actionsRegistry,
          discovery,
          auth: deps.auth,
          catalog: deps.catalog,
        });
      },
    });
  },
});
