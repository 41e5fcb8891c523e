/**
 * Cost & Uptime frontend: the dashboard page, an entity card and an entity tab
 * (new frontend system).
 *
 * @packageDocumentation
 */
export { costUptimePlugin as default } from './plugin';
export { costUptimeApiRef, type CostUptimeApi } from './api';
