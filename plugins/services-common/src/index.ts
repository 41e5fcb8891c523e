/**
 * The deployment picture of a service, one definition for the Deployments
 * card (plugins/services) and the get-deployments tool
 * (plugins/services-backend): Argo CD sync and health, the deployed version
 * and the failing pods, per environment.
 *
 * @packageDocumentation
 */
export * from './environmentRows';
export * from './podStatus';
export * from './serviceImage';
export * from './argoApplications';
export * from './serviceRef';
