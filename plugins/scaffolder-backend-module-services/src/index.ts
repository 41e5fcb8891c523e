/**
 * Scaffolder actions of the new-service template, and the URL reader for the
 * plain Git remotes it publishes to.
 *
 * @packageDocumentation
 */
export { scaffolderModuleServices as default } from './module';
export {
  gitRemoteUrlReaderServiceFactory,
  GitRemoteUrlReader,
} from './GitRemoteUrlReader';
export { GitPublisher } from './GitPublisher';
export { SERVICE_NAME_PATTERN, assertServiceName } from './serviceName';
