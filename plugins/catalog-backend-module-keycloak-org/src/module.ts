import { createBackendModule } from '@backstage/backend-plugin-api';
import { keycloakTransformerExtensionPoint } from '@backstage-community/plugin-catalog-backend-module-keycloak';
import { groupTransformer, userTransformer } from './transformers';

/**
 * Shapes the users and groups that
 * @backstage-community/plugin-catalog-backend-module-keycloak reads
 * (config `catalog.providers.keycloakOrg`) for the portal.
 */
export const catalogModuleKeycloakOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'keycloak-org-transformers',
  register(reg) {
    reg.registerInit({
      deps: { keycloak: keycloakTransformerExtensionPoint },
      async init({ keycloak }) {
        keycloak.setUserTransformer(userTransformer);
        keycloak.setGroupTransformer(groupTransformer);
      },
    });
  },
});
