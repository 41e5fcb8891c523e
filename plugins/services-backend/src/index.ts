/**
 * The services backend plugin: get-deployments for AI agents.
 *
 * @packageDocumentation
 */
export { servicesPlugin as default } from './plugin';
export type { DeploymentsService } from './DeploymentsService';
