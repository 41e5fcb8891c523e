/*
 * The environment templates' actions, one per file; each file's
 * `*.examples.ts` shows it in a template step.
 */
export { createAuthorizeEnvironmentChangeAction } from './authorize';
export { createEnvironmentPipelineAction } from './pipeline';
export { createPublishEnvironmentAction } from './publish';
export { createRegisterEnvironmentAction } from './register';
export { createRemoveEnvironmentAction } from './remove';
export { createRenderEnvironmentAction } from './render';
