/**
 * The environment templates' scaffolder actions (`platform:environment:*`):
 * render, publish, pipeline, register, authorize and remove.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEnvironments as default } from './module';
