/**
 * Shared by the cost and uptime plugin's frontend and backend: API types, the
 * REST client, catalog annotations and permissions.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
export * from './annotations';
export * from './CostUptimeApi';
export * from './CostUptimeClient';
export * from './periods';
export * from './allocation';
export * from './forecast';
export * from './availability';
