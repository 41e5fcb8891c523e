import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { argocdPermissions } from '@internal/plugin-argocd-common';
import { ArgoService } from '@roadiehq/backstage-plugin-argo-cd-node';
import { createArgoCdGuard } from './createArgoCdGuard';
import { ArgoSyncTargetFinder } from './SyncTargets';

/**
 * Mounts the guard on the Argo CD plugin's router. A plugin's modules start
 * before the plugin, so the guard comes before the plugin's own routes.
 */
export const argocdModuleGuard = createBackendModule({
  pluginId: 'argocd',
  moduleId: 'guard',
  register(reg) {
    reg.registerInit({
      deps: {
        http: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const targets = new ArgoSyncTargetFinder(
          ArgoService.fromConfig({ config: deps.config, logger: deps.logger }),
          deps.catalog,
          deps.auth,
        );
        deps.http.use(
          createArgoCdGuard({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            targets,
          }),
        );
        deps.permissionsRegistry.addPermissions(argocdPermissions);
      },
    });
  },
});
