import { dispatch, type Route } from '../http.ts';
import { refuseWithoutCrumb } from './auth.ts';
import { buildRoutes } from './buildRoutes.ts';
import { jobUrl } from './json.ts';
import { triggerBuild } from './queueRoutes.ts';
import { JENKINS_FOLDERS, JENKINS_JOBS } from './state.ts';
import {
  notFound,
  parseJobPath,
  send,
  type JenkinsRequest,
  type JobRequest,
} from './request.ts';

/** `GET /api/json`: the controller and its top-level jobs. */
export const rootRoutes: Route<JenkinsRequest>[] = [
  [
    'GET',
    /^\/api\/json\/?$/,
    ({ res, root }) =>
      send(res, 200, {
        _class: 'hudson.model.Hudson',
        mode: 'NORMAL',
        nodeDescription: 'the Jenkins controller (sandbox stand-in)',
        jobs: JENKINS_JOBS.map(j => ({ name: j, url: jobUrl(root, j) })),
        useCrumbs: true,
        useSecurity: true,
      }),
  ],
];

/** The page Jenkins shows for a job or folder (and redirects to). */
const page = ({ res, job }: JobRequest) =>
  send(res, 200, `<html><body><h1>${job}</h1></body></html>`);

/** A folder (cloudbees-folder): `/job/{folder}/` followed by these paths. */
const folderRoutes: Route<JobRequest>[] = [
  [
    'GET',
    'api/json',
    ({ res, url, json, job }) =>
      send(res, 200, json.itemApiJson(json.folderJson(job), url)),
  ],
  ['GET', '', page],
];

/** A Pipeline job: `/job/.../{job}/` followed by these paths. */
const jobRoutes: Route<JobRequest>[] = [
  ['POST', /buildWithParameters(?:\/.*)?/, triggerBuild],
  [
    'GET',
    'api/json',
    ({ res, url, json, job }) => {
      try {
        send(res, 200, json.itemApiJson(json.jobJson(job), url));
      } catch (e) {
        // Jenkins answers a tree it cannot parse with 400.
        send(res, 400, `<html><body>${(e as Error).message}</body></html>`);
      }
    },
  ],
  // The job's page, where Jenkins redirects after a POST such as a rebuild.
  ['GET', '', page],
];

/**
 * Answers a path in the jobs' URL space (`/job/a/job/b/...`): a folder, a
 * job, or one of its builds; Jenkins' 404 for anything else.
 */
export async function handleJobPath(request: JenkinsRequest) {
  const { req, res } = request;
  const method = req.method ?? 'GET';
  const { job, rest } = parseJobPath(request.url.pathname);
  const jobRequest = { ...request, job };
  if (job && JENKINS_FOLDERS.includes(job)) {
    if (!(await dispatch(folderRoutes, method, rest.join('/'), jobRequest))) {
      notFound(res);
    }
    return;
  }
  if (!job || !JENKINS_JOBS.includes(job)) {
    notFound(res);
    return;
  }
  if (refuseWithoutCrumb(request)) return;
  if (await dispatch(jobRoutes, method, rest.join('/'), jobRequest)) return;

  const number = Number(rest[0]);
  const build = request.state.builds.find(
    b => b.job === job && b.number === number,
  );
  const sub = rest.slice(1).join('/');
  if (
    !build ||
    !(await dispatch(buildRoutes, method, sub, { ...jobRequest, build }))
  ) {
    notFound(res);
  }
}
