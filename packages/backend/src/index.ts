/*
 * The portal backend: Backstage's new backend system. Each `backend.add` brings
 * in one plugin or module; configuration lives in app-config*.yaml.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

// Serves the built frontend (packages/app) in production and in browser tests.
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in. Guest is for local development only (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Software templates.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// Permissions: allow-all until the Keycloak group policy lands.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Search: in-memory locally, PostgreSQL in production.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Cost & Uptime: Cost Explorer and Prometheus, collected on a schedule.
backend.add(import('@internal/plugin-cost-uptime-backend'));

backend.start();
