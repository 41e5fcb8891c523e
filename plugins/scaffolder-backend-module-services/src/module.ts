import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPlanAction } from './actions/plan';
import { createGitPublishAction } from './actions/publish';
import { createCatalogRegisterAction } from './actions/register';
import { withPublicErrors } from '@internal/plugin-scaffolder-node-public-errors';

/** The new-service template's actions (templates/new-service). */
export const scaffolderModuleServices = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'services',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ actions, config, logger, auth, catalog }) {
        actions.addActions(
          ...[
            createPlanAction({ config, catalog, auth, logger }),
            createGitPublishAction({ config }),
            createCatalogRegisterAction({ config, catalog, auth }),
          ].map(withPublicErrors),
        );
      },
    });
  },
});
