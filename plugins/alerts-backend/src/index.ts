/**
 * The alerts backend plugin.
 *
 * @packageDocumentation
 */
export { alertsPlugin as default } from './plugin';
export { AlertsManager } from './service/AlertsManager';
export { DatabaseAlertsStore } from './database/DatabaseAlertsStore';
export { signWebhook } from './service/JenkinsWebhook';
export { renderAlert, renderDigest } from './service/templates';
