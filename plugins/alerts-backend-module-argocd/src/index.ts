/**
 * Alerts module: Argo CD sync failures and degraded health.
 *
 * @packageDocumentation
 */
export { alertsModuleArgoCd as default } from './module';
export { ARGOCD_POLL_TASK_ID } from './ArgoCdPollTask';
export { ArgoCdAlertPoller } from './ArgoCdAlertPoller';
export type { PollSummary } from './ArgoCdAlertPoller';
export { ArgoCdClient, readArgoCdInstances } from './ArgoCdClient';
export type { ArgoCdApplication, ArgoCdInstance } from './ArgoCdClient';
export { ArgoCdAlertStore } from './database/ArgoCdAlertStore';
