/**
 * The environments library for backend plugins and modules: the
 * EnvironmentService (validation, rendering, IaC commits, pipeline runs),
 * the IaC repository, the Jenkins client and the `platform.*` config reader.
 * Used by environments-backend, scaffolder-backend-module-environments and
 * catalog-backend-module-environments, which may not import each other.
 *
 * @packageDocumentation
 */
export {
  readPlatformConfig,
  type IacConfig,
  type JenkinsConfig,
  type PlatformConfig,
} from './config';
export { readEnvironmentEntities } from './catalog/readEnvironmentEntities';
export {
  HttpEnvironmentRunRecorder,
  type EnvironmentRunRecorder,
  type RunFinish,
  type RunStart,
} from './history/EnvironmentRunRecorder';
export {
  EnvironmentService,
  ENVIRONMENTS_CHANGED_TOPIC,
  type PipelineLog,
  type PipelineRun,
} from './environment/EnvironmentService';
export {
  ENVIRONMENT_NAME_PATTERN,
  environmentFileProblems,
  gitRefProblems,
  nameProblems,
  show,
  validateEnvironmentRequest,
  type EnvironmentRequest,
  type ExistingEnvironments,
  type Requester,
} from './environment/EnvironmentRequest';
export {
  ANSIBLE_VARS_FILE,
  CATALOG_INFO_FILE,
  TFVARS_FILE,
  environmentDir,
  environmentEntityRef,
  renderEnvironmentFiles,
} from './environment/renderEnvironment';
export {
  IacRepository,
  type FileChanges,
  type IacEdit,
  type IacRepositoryOptions,
  type IacTree,
} from './git/IacRepository';
export {
  BuildMayHaveStartedError,
  JenkinsClient,
  REQUEST_ID_PARAMETER,
  type FollowBuildOptions,
  type JenkinsBuildRef,
  type JenkinsLogPiece,
  type JenkinsResult,
} from './jenkins/JenkinsClient';
