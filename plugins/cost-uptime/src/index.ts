/**
 * Cost & Uptime frontend: the dashboard page, an entity card and an entity tab
 * (new frontend system).
 *
 * @packageDocumentation
 */
export { costUptimePlugin as default, costUptimeTranslations } from './plugin';
export { costUptimeTranslationRef } from './translation';
export { costUptimeApiRef, type CostUptimeApi } from './api';
