/*
 * The portal backend: Backstage's new backend system. Each `backend.add` brings
 * in one plugin or module; configuration lives in app-config*.yaml.
 */
import { createBackend } from '@backstage/backend-defaults';
import { gitRemoteUrlReaderServiceFactory } from '@internal/plugin-scaffolder-backend-module-services';
import { mcpReadOnlyDefault } from './mcpReadOnlyDefault';
import { startPrometheusExporter } from './metrics';

startPrometheusExporter();

const backend = createBackend();

// Serves the built frontend (packages/app) in production and in browser tests.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in with Keycloak (OpenID Connect); no guest sign-in anywhere.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@internal/plugin-auth-backend-module-keycloak-provider'));

// Catalog.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Users and groups from Keycloak (catalog.providers.keycloakOrg).
backend.add(
  import('@backstage-community/plugin-catalog-backend-module-keycloak'),
);
backend.add(import('@internal/plugin-catalog-backend-module-keycloak-org'));

// Software templates.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// The new-service template (templates/new-service): GitHub when configured,
// else any Git remote (newService.git), read back by the catalog.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@internal/plugin-scaffolder-backend-module-services'));
backend.add(gitRemoteUrlReaderServiceFactory);

// Self-service EKS environments: the environments plugin (extend-expiry
// route, expiry task, agents' environment actions), the templates' actions,
// and the catalog reading environments from the IaC repository.
backend.add(import('@internal/plugin-environments-backend'));
backend.add(import('@internal/plugin-scaffolder-backend-module-environments'));
backend.add(import('@internal/plugin-catalog-backend-module-environments'));

// Permissions by Keycloak group (plugins/permission-backend-module-platform-policy).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@internal/plugin-permission-backend-module-platform-policy'),
);

// Search: in-memory locally, PostgreSQL in production.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Services: workloads from the environments' clusters, deployments from Argo CD.
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@roadiehq/backstage-plugin-argo-cd-backend'));
// In front of the Argo CD plugin's routes: reads for everyone, sync for the
// app's owners and platform admins (argocd.application.sync, audited), every
// other write refused (Argo CD is driven from Git).
backend.add(import('@internal/plugin-argocd-backend-module-guard'));
// A service's deployments per environment (Argo CD and the clusters, read as
// the calling user) as the get-deployments action for AI agents.
backend.add(import('@internal/plugin-services-backend'));
// Jenkins builds of a service (annotation jenkins.io/job-full-name); rerunning
// a build is jenkins.execute, for the service's owners (the platform policy).
backend.add(import('@backstage-community/plugin-jenkins-backend'));
// In front of its routes: a rerun only of a job the entity itself names.
backend.add(import('@internal/plugin-jenkins-backend-module-guard'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// The language each user chose in Settings, for the alerts backend.
backend.add(import('@internal/plugin-user-settings-backend-module-languages'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Alerts: events to the owners of an entity, in the portal, Slack and KakaoTalk.
backend.add(import('@internal/plugin-alerts-backend'));
// Argo CD sync failures and degraded health (polls argocd.appLocatorMethods).
backend.add(import('@internal/plugin-alerts-backend-module-argocd'));
backend.add(
  import('@internal/plugin-notifications-backend-module-slack-alerts'),
);
backend.add(import('@internal/plugin-notifications-backend-module-kakaotalk'));

// Cost & Uptime: Cost Explorer and Prometheus, collected on a schedule.
backend.add(import('@internal/plugin-cost-uptime-backend'));

// AI agents (MCP clients): the actions of the plugins above as tools, run as
// the signed-in user. /api/mcp-actions/v1 and /v1/read are read-only,
// /v1/operate adds create/extend/destroy (mcpActions in app-config.yaml).
backend.add(import('@backstage/plugin-mcp-actions-backend'));
backend.add(mcpReadOnlyDefault);

backend.start();
