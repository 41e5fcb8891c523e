/**
 * Cost and uptime backend plugin.
 *
 * @packageDocumentation
 */
export { costUptimePlugin as default } from './plugin';
