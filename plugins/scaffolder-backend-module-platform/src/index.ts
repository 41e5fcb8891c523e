/**
 * Self-service EKS environments: scaffolder actions (render, commit, Jenkins,
 * register, delete), the expiry task, and the catalog provider that reads
 * environments from the IaC repository.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatform as default } from './module';
export { catalogModulePlatformEnvironments } from './catalogModule';
