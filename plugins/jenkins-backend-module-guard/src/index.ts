/**
 * Guards the Jenkins backend plugin (`@backstage-community/plugin-jenkins-backend`):
 * a rerun only of a job the entity names, by its owners and platform admins.
 *
 * @packageDocumentation
 */
export { jenkinsModuleGuard as default } from './module';
export {
  createJenkinsGuard,
  jobsOf,
  type JenkinsGuardOptions,
} from './createJenkinsGuard';
