/**
 * Service pages: where each service runs, by environment (Argo CD, version,
 * pod health, cost), and the Overview layout that puts it on top.
 */
export { default, isDeployedService, servicesTranslations } from './plugin';
export { servicesTranslationRef } from './translation';
// The row builder lives in @internal/plugin-services-common (shared with the get-deployments tool).
export { buildEnvironmentRows } from '@internal/plugin-services-common';
export type { EnvironmentRow } from '@internal/plugin-services-common';
