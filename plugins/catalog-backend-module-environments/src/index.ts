/**
 * Catalog module: the environments committed in the IaC repository, as
 * catalog Resources (EnvironmentEntityProvider).
 *
 * @packageDocumentation
 */
export { catalogModuleEnvironments as default } from './module';
export { EnvironmentEntityProvider } from './EnvironmentEntityProvider';
