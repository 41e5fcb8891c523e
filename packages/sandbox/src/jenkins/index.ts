export {
  JENKINS_API_TOKEN,
  JENKINS_JOBS,
  JENKINS_PASSWORD,
  JENKINS_USER,
  JenkinsState,
  jenkinsStandIn,
  type JenkinsStandInOptions,
} from './JenkinsStandIn.ts';
