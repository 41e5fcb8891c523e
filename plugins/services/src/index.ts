/**
 * Service pages: where each service runs, by environment (Argo CD, version,
 * pod health, cost), and the Overview layout that puts it on top.
 */
export { default, isDeployedService, servicesTranslations } from './plugin';
export { servicesTranslationRef } from './translation';
export { buildEnvironmentRows } from './deployments/environmentRows';
export type { EnvironmentRow } from './deployments/environmentRows';
