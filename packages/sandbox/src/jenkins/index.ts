export {
  JENKINS_API_TOKEN,
  JENKINS_JOBS,
  JENKINS_PASSWORD,
  JENKINS_USER,
  JenkinsState,
  type JenkinsStandInOptions,
} from './state.ts';
export { jenkinsStandIn } from './JenkinsStandIn.ts';
