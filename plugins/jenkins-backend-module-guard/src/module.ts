import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createJenkinsGuard } from './createJenkinsGuard';

/**
 * Mounts the guard on the Jenkins plugin's router. A plugin's modules start
 * before the plugin, so the guard comes before the plugin's own routes.
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
      },
      async init({ http, ...deps }) {
        http.use(createJenkinsGuard(deps));
      },
    });
  },
});
