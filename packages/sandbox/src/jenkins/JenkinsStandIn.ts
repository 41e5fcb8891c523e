import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { StandIn } from '../StandIn.ts';
import { buildLogLines } from './buildLog.ts';
import {
  EXAMPLE_FOLDERS,
  EXAMPLE_JOBS,
  exampleLogLines,
  type ExampleBuild,
} from './exampleJobs.ts';
import { applyTree, ExportedMap, plain } from './tree.ts';
import {
  declaredParameters,
  parameterNames,
  waitingDuplicate,
  type DuplicateStatus,
} from './queue.ts';

/**
 * Jenkins stand-in: the remote API the portal uses, as in shared/FACTS.md.
 *
 * - `POST /job/{a}/job/{b}/buildWithParameters` answers 201 with
 *   `Location: {root}/queue/item/{id}/`; the item waits out a quiet period
 *   (1 s here; `?delay=0sec` like Jenkins) and then names its build in
 *   `executable`, or is `cancelled`. Parameters the job does not declare are
 *   dropped, as Jenkins does. The same parameters while an item still waits
 *   are not queued again: the answer is the existing item's `Location` with
 *   200 (Jenkins 2.468 and later) or 303 (2.303 to 2.467; option
 *   `duplicateStatus`).
 * - `{root}` is Jenkins' configured root URL (option `rootUrl`), which every
 *   absolute URL it writes uses; behind a proxy it is not the URL clients call.
 * - `GET /queue/api/json`: the items still waiting.
 * - `GET /job/.../{n}/api/json`: `building`, `result`.
 * - `GET /job/.../{n}/logText/progressiveText?start=N`: the log from byte N,
 *   `X-Text-Size` (the next offset) and `X-More-Data: true` while it grows.
 * - Basic auth with an API token; with the password instead, a POST needs the
 *   crumb from `/crumbIssuer/api/json`, tied to the session cookie. No
 *   credentials: 403; wrong ones: 401.
 *
 * - The example application's jobs (`shop/shop-web`, `shop/shop-backend`,
 *   exampleJobs.ts) with a build history, for the community Jenkins plugin:
 *   `GET /job/.../api/json?tree=...` (the `tree` filter as Jenkins applies
 *   it, tree.ts; folders list their `jobs`), `GET /job/.../{n}/api/json`,
 *   `/consoleText`, and `POST /job/.../{n}/replay/rebuild` (Pipeline's
 *   replay, which the plugin's "Rerun build" calls), answered like Jenkins
 *   with a redirect to the job.
 *
 * How a run ends, chosen by the test:
 * - `ENV_NAME` starting with `fail-` fails (FAILURE), `abort-` is ABORTED,
 *   `unstable-` is UNSTABLE, `cancel-` has its queue item cancelled;
 * - or `POST /__sandbox/control` with `{ "nextResult": "FAILURE" }`,
 *   `{ "cancelNextQueueItem": true }`, `{ "lineDelayMs": 5 }`,
 *   `{ "quietPeriodMs": 0 }`, `{ "duplicateStatus": 303 }`,
 *   `{ "dropNextTriggerResponse": true }` (the next build is queued but the
 *   connection drops before the answer); `GET /__sandbox/builds` lists what was triggered;
 *   `POST /__sandbox/reset` forgets everything but the example history;
 * - `POST /__sandbox/outage` makes Jenkins drop every connection (a server
 *   that is down), `DELETE /__sandbox/outage` brings it back.
 */
export const JENKINS_USER = 'portal';
export const JENKINS_API_TOKEN = '11sandboxjenkinsapitoken0000000000';
export const JENKINS_PASSWORD = 'sandbox-password';
/** Jobs that exist; anything else is 404 as in Jenkins. */
export const JENKINS_JOBS = [
  'platform/environment',
  'environment',
  ...EXAMPLE_JOBS.map(j => j.fullName),
];
/** Folders (cloudbees-folder) holding jobs. */
const JENKINS_FOLDERS = ['platform', ...EXAMPLE_FOLDERS];

type Result = 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED';

interface QueueItem {
  id: number;
  job: string;
  parameters: Record<string, string>;
  inQueueSince: number;
  readyAt: number;
  cancelled: boolean;
  build?: Build;
}

interface Build {
  job: string;
  number: number;
  parameters: Record<string, string>;
  result: Result;
  timestamp: number;
  lines: string[];
  shown: number;
  done: boolean;
  queueId: number;
  /** When the log ended (finished builds). */
  finishedAt?: number;
  /** Part of the example history, not triggered by a client. */
  example?: ExampleBuild;
}

export interface JenkinsStandInOptions {
  lineDelayMs?: number;
  quietPeriodMs?: number;
  /** Jenkins' configured root URL, when it differs from the URL it listens on. */
  rootUrl?: string;
  /** The status of the answer to a duplicate trigger: 200 (default) or 303. */
  duplicateStatus?: DuplicateStatus;
}

export class JenkinsState {
  queue = new Map<number, QueueItem>();
  builds: Build[] = [];
  nextQueueId = 1;
  nextNumber = new Map<string, number>();
  sessions = new Map<string, string>();
  nextResult: Result | undefined;
  cancelNextQueueItem = false;
  lineDelayMs: number;
  quietPeriodMs: number;
  duplicateStatus: DuplicateStatus;
  /** The next trigger is queued, then its connection drops unanswered. */
  dropNextTriggerResponse = false;
  readonly rootUrl?: string;
  timers = new Set<NodeJS.Timeout>();
  /** Simulated outage: every connection is dropped. */
  down = false;
  private readonly defaults: Required<Omit<JenkinsStandInOptions, 'rootUrl'>>;

  constructor(options: JenkinsStandInOptions = {}) {
    this.defaults = {
      lineDelayMs: options.lineDelayMs ?? 40,
      quietPeriodMs: options.quietPeriodMs ?? 1000,
      duplicateStatus: options.duplicateStatus ?? 200,
    };
    this.rootUrl = options.rootUrl?.replace(/\/+$/, '');
    this.lineDelayMs = this.defaults.lineDelayMs;
    this.quietPeriodMs = this.defaults.quietPeriodMs;
    this.duplicateStatus = this.defaults.duplicateStatus;
    this.seedExamples();
  }

  /** The example jobs' history, timed relative to now. */
  seedExamples() {
    const now = Date.now();
    for (const job of EXAMPLE_JOBS) {
      for (const b of job.builds) {
        const lines = exampleLogLines(job, b);
        const timestamp = now - b.minutesAgo * 60_000;
        this.builds.push({
          job: job.fullName,
          number: b.number,
          parameters: {
            IMAGE_TAG: b.imageTag,
            DEPLOY_ENVIRONMENTS: job.deployEnvironments,
          },
          result: b.result ?? 'SUCCESS',
          timestamp,
          lines,
          shown: lines.length,
          done: b.result !== null,
          finishedAt:
            b.result === null
              ? undefined
              : timestamp + b.durationSeconds * 1000,
          queueId: 0,
          example: b,
        });
      }
      const last = job.builds[job.builds.length - 1];
      this.nextNumber.set(job.fullName, last.number + 1);
    }
  }

  reset() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.clear();
    this.builds = [];
    this.nextQueueId = 1;
    this.nextNumber.clear();
    this.nextResult = undefined;
    this.cancelNextQueueItem = false;
    this.lineDelayMs = this.defaults.lineDelayMs;
    this.quietPeriodMs = this.defaults.quietPeriodMs;
    this.duplicateStatus = this.defaults.duplicateStatus;
    this.dropNextTriggerResponse = false;
    this.down = false;
    this.seedExamples();
  }

  later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type':
      typeof body === 'string'
        ? 'text/html;charset=utf-8'
        : 'application/json;charset=utf-8',
    'x-jenkins': '2.479.1',
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `/job/a/job/b` -> `a/b`; returns the job and the rest of the path. */
function parseJobPath(pathname: string) {
  const parts = pathname.split('/').filter(Boolean);
  const names: string[] = [];
  let i = 0;
  while (parts[i] === 'job' && parts[i + 1] !== undefined) {
    names.push(decodeURIComponent(parts[i + 1]));
    i += 2;
  }
  return { job: names.join('/'), rest: parts.slice(i) };
}

function resultFor(state: JenkinsState, env: string): Result {
  if (state.nextResult) {
    const r = state.nextResult;
    state.nextResult = undefined;
    return r;
  }
  if (env.startsWith('fail-')) return 'FAILURE';
  if (env.startsWith('abort-')) return 'ABORTED';
  if (env.startsWith('unstable-')) return 'UNSTABLE';
  return 'SUCCESS';
}

export function createJenkinsHandler(url: string, state: JenkinsState) {
  const jobUrl = (job: string) =>
    `${url}/${job
      .split('/')
      .map(n => `job/${encodeURIComponent(n)}`)
      .join('/')}/`;

  const startBuild = (item: QueueItem) => {
    if (item.cancelled || item.build) return;
    const number = state.nextNumber.get(item.job) ?? 1;
    state.nextNumber.set(item.job, number + 1);
    const result = resultFor(state, item.parameters.ENV_NAME ?? '');
    const exampleJob = EXAMPLE_JOBS.find(j => j.fullName === item.job);
    const build: Build = {
      job: item.job,
      number,
      parameters: item.parameters,
      result,
      timestamp: Date.now(),
      lines: exampleJob
        ? exampleLogLines(exampleJob, {
            number,
            result,
            minutesAgo: 0,
            durationSeconds: 0,
            imageTag: item.parameters.IMAGE_TAG ?? '',
            commit: exampleJob.builds[exampleJob.builds.length - 1].commit,
            cause: { userId: JENKINS_USER, userName: JENKINS_USER },
          })
        : buildLogLines({
            jobName: item.job,
            number,
            parameters: item.parameters,
            result,
          }),
      shown: 0,
      done: false,
      queueId: item.id,
    };
    item.build = build;
    state.builds.push(build);
    const tick = () => {
      build.shown += 1;
      if (build.shown >= build.lines.length) {
        build.done = true;
        build.finishedAt = Date.now();
        return;
      }
      state.later(state.lineDelayMs, tick);
    };
    state.later(state.lineDelayMs, tick);
  };

  const logText = (build: Build) =>
    Buffer.from(
      build.lines
        .slice(0, build.shown)
        .map(l => `${l}\n`)
        .join(''),
      'utf8',
    );

  const parametersAction = (parameters: Record<string, string>) => ({
    _class: 'hudson.model.ParametersAction',
    parameters: Object.entries(parameters).map(([name, value]) => ({
      _class: 'hudson.model.StringParameterValue',
      name,
      value,
    })),
  });

  const causeAction = (build: Build) => {
    const cause = build.example?.cause;
    if (cause?.pushBy) {
      return {
        _class: 'hudson.model.CauseAction',
        causes: [
          {
            _class: 'com.cloudbees.jenkins.GitHubPushCause',
            shortDescription: `Started by GitHub push by ${cause.pushBy}`,
          },
        ],
      };
    }
    return {
      _class: 'hudson.model.CauseAction',
      causes: [
        {
          _class: 'hudson.model.Cause$UserIdCause',
          shortDescription: `Started by user ${
            cause?.userName ?? JENKINS_USER
          }`,
          userId: cause?.userId ?? JENKINS_USER,
          userName: cause?.userName ?? JENKINS_USER,
        },
      ],
    };
  };

  /** The git plugin's record of what was checked out (`BuildData`). */
  const gitAction = (build: Build) => {
    const job = EXAMPLE_JOBS.find(j => j.fullName === build.job);
    if (!job) return undefined;
    const sha =
      build.example?.commit ?? job.builds[job.builds.length - 1].commit;
    const branch = [{ SHA1: sha, name: 'refs/remotes/origin/main' }];
    return {
      _class: 'hudson.plugins.git.util.BuildData',
      buildsByBranchName: new ExportedMap({
        'refs/remotes/origin/main': {
          _class: 'hudson.plugins.git.util.Build',
          buildNumber: build.number,
          buildResult: null,
          marked: { SHA1: sha, branch },
          revision: { SHA1: sha, branch },
        },
      }),
      lastBuiltRevision: { SHA1: sha, branch },
      remoteUrls: [job.repository],
      scmName: '',
    };
  };

  const testAction = (build: Build) => {
    const tests = build.example?.tests;
    if (!tests || !build.done) return undefined;
    return {
      _class: 'hudson.tasks.junit.TestResultAction',
      failCount: tests.failed,
      skipCount: tests.skipped,
      totalCount: tests.total,
      urlName: 'testReport',
    };
  };

  const buildJson = (build: Build) => ({
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    actions: [
      causeAction(build),
      parametersAction(build.parameters),
      gitAction(build),
      testAction(build),
      { _class: 'org.jenkinsci.plugins.workflow.job.views.FlowGraphAction' },
      {},
    ].filter(Boolean),
    artifacts: [],
    building: !build.done,
    description: null,
    displayName: `#${build.number}`,
    duration:
      build.done && build.finishedAt ? build.finishedAt - build.timestamp : 0,
    estimatedDuration: build.example ? 240000 : 600000,
    executor: build.done ? null : {},
    fullDisplayName: `${build.job.replace(/\//g, ' » ')} #${build.number}`,
    id: String(build.number),
    inProgress: !build.done,
    keepLog: false,
    number: build.number,
    queueId: build.queueId,
    result: build.done ? build.result : null,
    timestamp: build.timestamp,
    url: `${jobUrl(build.job)}${build.number}/`,
    changeSets: [],
    culprits: [],
    nextBuild: null,
    previousBuild: null,
  });

  const buildRef = (build: Build | undefined) =>
    build
      ? {
          _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
          number: build.number,
          url: `${jobUrl(build.job)}${build.number}/`,
        }
      : null;

  /** A Pipeline job with its builds, newest first, as `depth=1` writes it. */
  const jobJson = (job: string): Record<string, unknown> => {
    const builds = state.builds.filter(b => b.job === job).reverse();
    const finished = builds.filter(b => b.done);
    const last = builds[0];
    const example = EXAMPLE_JOBS.find(j => j.fullName === job);
    const inQueue = [...state.queue.values()].some(
      i => i.job === job && !i.build && !i.cancelled,
    );
    // The ball colour of the last finished build; `_anime` while one runs.
    const colours: Record<string, string> = {
      SUCCESS: 'blue',
      FAILURE: 'red',
      UNSTABLE: 'yellow',
      ABORTED: 'aborted',
    };
    const base = finished[0] ? colours[finished[0].result] : 'notbuilt';
    const color = last && !last.done ? `${base}_anime` : base;
    const parameterDefinitions = example
      ? [
          { name: 'IMAGE_TAG', type: 'StringParameterDefinition' },
          { name: 'DEPLOY_ENVIRONMENTS', type: 'StringParameterDefinition' },
        ]
      : [
          { name: 'ENV_NAME', type: 'StringParameterDefinition' },
          {
            name: 'ACTION',
            type: 'ChoiceParameterDefinition',
            choices: ['apply', 'destroy'],
          },
          { name: 'GIT_REF', type: 'StringParameterDefinition' },
          { name: 'REQUEST_ID', type: 'StringParameterDefinition' },
        ];
    return {
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      actions: [
        {},
        {
          _class:
            'org.jenkinsci.plugins.displayurlapi.actions.JobDisplayAction',
        },
        { _class: 'com.cloudbees.plugins.credentials.ViewCredentialsAction' },
      ],
      description: example?.description ?? '',
      displayName: job.split('/').pop(),
      fullDisplayName: job.replace(/\//g, ' » '),
      fullName: job,
      name: job.split('/').pop(),
      url: jobUrl(job),
      buildable: true,
      builds: builds.map(buildJson),
      color,
      firstBuild: buildRef(builds[builds.length - 1]),
      inQueue,
      keepDependencies: false,
      lastBuild: last ? buildJson(last) : null,
      lastCompletedBuild: buildRef(finished[0]),
      lastFailedBuild: buildRef(finished.find(b => b.result === 'FAILURE')),
      lastSuccessfulBuild: buildRef(finished.find(b => b.result === 'SUCCESS')),
      nextBuildNumber: state.nextNumber.get(job) ?? 1,
      property: [
        {
          _class: 'hudson.model.ParametersDefinitionProperty',
          parameterDefinitions,
        },
      ],
      queueItem: null,
      concurrentBuild: false,
      resumeBlocked: false,
    };
  };

  /** A folder (cloudbees-folder) and the jobs and folders directly in it. */
  const folderJson = (folder: string): Record<string, unknown> => {
    const children = [
      ...JENKINS_FOLDERS.filter(
        f =>
          f.startsWith(`${folder}/`) &&
          !f.slice(folder.length + 1).includes('/'),
      ).map(folderJson),
      ...JENKINS_JOBS.filter(
        j =>
          j.startsWith(`${folder}/`) &&
          !j.slice(folder.length + 1).includes('/'),
      ).map(jobJson),
    ];
    return {
      _class: 'com.cloudbees.hudson.plugins.folder.Folder',
      actions: [
        {},
        { _class: 'com.cloudbees.plugins.credentials.ViewCredentialsAction' },
      ],
      description: null,
      displayName: folder.split('/').pop(),
      fullDisplayName: folder.replace(/\//g, ' » '),
      fullName: folder,
      name: folder.split('/').pop(),
      url: jobUrl(folder),
      jobs: children,
    };
  };

  /**
   * `api/json` of a job or folder: with `tree`, filtered as Jenkins does; with
   * `depth=1`, everything; with neither, what depth 0 writes for the fields
   * clients read (builds as number and url).
   */
  const itemApiJson = (full: Record<string, unknown>, u: URL) => {
    const tree = u.searchParams.get('tree');
    if (tree) return applyTree(full, tree);
    if (Number(u.searchParams.get('depth') ?? 0) >= 1) return plain(full);
    return {
      ...(plain(full) as Record<string, unknown>),
      ...(Array.isArray(full.builds)
        ? {
            builds: (full.builds as Array<{ number: number; url: string }>).map(
              b => ({
                _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
                number: b.number,
                url: b.url,
              }),
            ),
            lastBuild: full.lastBuild
              ? {
                  _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
                  number: (full.lastBuild as { number: number }).number,
                  url: (full.lastBuild as { url: string }).url,
                }
              : null,
          }
        : {}),
    };
  };

  const queueJson = (item: QueueItem) => {
    const base = {
      actions: [
        {
          _class: 'hudson.model.ParametersAction',
          parameters: Object.entries(item.parameters).map(([name, value]) => ({
            _class: 'hudson.model.StringParameterValue',
            name,
            value,
          })),
        },
      ],
      blocked: false,
      buildable: false,
      id: item.id,
      inQueueSince: item.inQueueSince,
      params: Object.entries(item.parameters)
        .map(([k, v]) => `\n${k}=${v}`)
        .join(''),
      stuck: false,
      task: {
        _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
        name: item.job.split('/').pop(),
        url: jobUrl(item.job),
        color: 'blue',
      },
      url: `queue/item/${item.id}/`,
    };
    if (item.cancelled) {
      return {
        _class: 'hudson.model.Queue$LeftItem',
        ...base,
        why: null,
        cancelled: true,
        executable: null,
      };
    }
    if (item.build) {
      return {
        _class: 'hudson.model.Queue$LeftItem',
        ...base,
        why: null,
        cancelled: false,
        executable: {
          _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
          number: item.build.number,
          url: `${jobUrl(item.job)}${item.build.number}/`,
        },
      };
    }
    const left = Math.max(0, item.readyAt - Date.now());
    return {
      _class: 'hudson.model.Queue$WaitingItem',
      ...base,
      why: `In the quiet period. Expires in ${(left / 1000).toFixed(1)} sec`,
      timestamp: item.readyAt,
    };
  };

  /** 'token' | 'password' | 'none' | 'bad' */
  const authenticate = (req: IncomingMessage) => {
    const header = req.headers.authorization;
    if (!header) return 'none';
    const match = /^Basic (.+)$/i.exec(header);
    if (!match) return 'bad';
    const [user, ...secretParts] = Buffer.from(match[1], 'base64')
      .toString('utf8')
      .split(':');
    const secret = secretParts.join(':');
    if (user !== JENKINS_USER) return 'bad';
    if (secret === JENKINS_API_TOKEN) return 'token';
    if (secret === JENKINS_PASSWORD) return 'password';
    return 'bad';
  };

  const sessionOf = (req: IncomingMessage) =>
    /JSESSIONID\.[a-z0-9]+=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

  return async (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', url);
    const path = u.pathname;
    const method = req.method ?? 'GET';

    // Test controls: not part of Jenkins, outside its URL space.
    if (path.startsWith('/__sandbox/')) {
      if (method === 'GET' && path === '/__sandbox/builds') {
        send(res, 200, {
          queue: [...state.queue.values()].map(i => ({
            id: i.id,
            job: i.job,
            parameters: i.parameters,
            cancelled: i.cancelled,
          })),
          builds: state.builds
            .filter(b => !b.example)
            .map(b => ({
              job: b.job,
              number: b.number,
              parameters: b.parameters,
              result: b.done ? b.result : null,
            })),
        });
        return;
      }
      if (path === '/__sandbox/outage') {
        if (method === 'POST') state.down = true;
        else if (method === 'DELETE') state.down = false;
        send(res, 200, { down: state.down });
        return;
      }
      if (method === 'POST' && path === '/__sandbox/reset') {
        state.reset();
        send(res, 200, { ok: true });
        return;
      }
      if (method === 'POST' && path === '/__sandbox/control') {
        const body = JSON.parse((await readBody(req)) || '{}');
        if (body.nextResult) state.nextResult = body.nextResult;
        if (body.cancelNextQueueItem !== undefined)
          state.cancelNextQueueItem = !!body.cancelNextQueueItem;
        if (typeof body.lineDelayMs === 'number')
          state.lineDelayMs = body.lineDelayMs;
        if (typeof body.quietPeriodMs === 'number')
          state.quietPeriodMs = body.quietPeriodMs;
        if (body.duplicateStatus === 200 || body.duplicateStatus === 303)
          state.duplicateStatus = body.duplicateStatus;
        if (body.dropNextTriggerResponse !== undefined)
          state.dropNextTriggerResponse = !!body.dropNextTriggerResponse;
        send(res, 200, { ok: true });
        return;
      }
      send(res, 404, { error: 'not found' });
      return;
    }

    if (state.down) {
      // A server that is gone: the connection drops without an answer.
      req.socket.destroy();
      return;
    }

    const auth = authenticate(req);
    if (auth === 'none') {
      send(res, 403, '<html><body>Authentication required</body></html>');
      return;
    }
    if (auth === 'bad') {
      send(
        res,
        401,
        '<html><body>Invalid password/token for user: portal</body></html>',
        { 'www-authenticate': 'Basic realm="Jenkins"' },
      );
      return;
    }

    if (method === 'GET' && path === '/crumbIssuer/api/json') {
      const session = sessionOf(req) ?? randomBytes(12).toString('hex');
      const crumb = randomBytes(16).toString('hex');
      state.sessions.set(session, crumb);
      send(
        res,
        200,
        {
          _class: 'hudson.security.csrf.DefaultCrumbIssuer',
          crumb,
          crumbRequestField: 'Jenkins-Crumb',
        },
        { 'set-cookie': `JSESSIONID.3f2a1b9c=${session}; Path=/; HttpOnly` },
      );
      return;
    }
    if (method === 'GET' && (path === '/api/json' || path === '/api/json/')) {
      send(res, 200, {
        _class: 'hudson.model.Hudson',
        mode: 'NORMAL',
        nodeDescription: 'the Jenkins controller (sandbox stand-in)',
        jobs: JENKINS_JOBS.map(j => ({ name: j, url: jobUrl(j) })),
        useCrumbs: true,
        useSecurity: true,
      });
      return;
    }

    if (method === 'GET' && /^\/queue\/api\/json\/?$/.test(path)) {
      const waiting = [...state.queue.values()].filter(
        i => !i.build && !i.cancelled,
      );
      const full = {
        _class: 'hudson.model.Queue',
        discoverableItems: [],
        items: waiting.map(queueJson),
      };
      const tree = u.searchParams.get('tree');
      send(res, 200, tree ? applyTree(full, tree) : plain(full));
      return;
    }
    const queueMatch = /^\/queue\/item\/(\d+)\/api\/json\/?$/.exec(path);
    if (method === 'GET' && queueMatch) {
      const item = state.queue.get(Number(queueMatch[1]));
      if (!item) {
        send(res, 404, '<html><body>Not Found</body></html>');
        return;
      }
      send(res, 200, queueJson(item));
      return;
    }
    const cancelMatch = /^\/queue\/cancelItem$/.exec(path);
    if (method === 'POST' && cancelMatch) {
      const item = state.queue.get(Number(u.searchParams.get('id')));
      if (item && !item.build) item.cancelled = true;
      res.writeHead(302, { location: `${url}/queue/` });
      res.end();
      return;
    }

    const { job, rest } = parseJobPath(path);
    if (job && JENKINS_FOLDERS.includes(job)) {
      if (method === 'GET' && rest.join('/') === 'api/json') {
        send(res, 200, itemApiJson(folderJson(job), u));
        return;
      }
      if (method === 'GET' && rest.length === 0) {
        send(res, 200, `<html><body><h1>${job}</h1></body></html>`);
        return;
      }
      send(res, 404, '<html><body>Not Found</body></html>');
      return;
    }
    if (!job || !JENKINS_JOBS.includes(job)) {
      send(res, 404, '<html><body>Not Found</body></html>');
      return;
    }

    // With a password (not an API token) a POST needs the session's crumb.
    if (method === 'POST' && auth === 'password') {
      const session = sessionOf(req);
      const crumb = req.headers['jenkins-crumb'];
      if (!session || !crumb || state.sessions.get(session) !== crumb) {
        send(
          res,
          403,
          '<html><body>HTTP ERROR 403 No valid crumb was included in the request</body></html>',
        );
        return;
      }
    }

    if (method === 'POST' && rest[0] === 'buildWithParameters') {
      const body = await readBody(req);
      const sent: Record<string, string> = {};
      const form = new URLSearchParams(body);
      for (const [k, v] of [...u.searchParams, ...form]) {
        if (k !== 'delay' && k !== 'token') sent[k] = v;
      }
      const params = declaredParameters(sent, parameterNames(jobJson(job)));
      const existing = waitingDuplicate(state.queue.values(), job, params);
      if (existing) {
        res.writeHead(state.duplicateStatus, {
          location: `${url}/queue/item/${existing.id}/`,
          'x-jenkins': '2.479.1',
          'content-length': '0',
        });
        res.end();
        return;
      }
      const delayText = u.searchParams.get('delay') ?? form.get('delay');
      const quiet = delayText
        ? Number(/^(\d+)/.exec(delayText)?.[1] ?? 0) * 1000
        : state.quietPeriodMs;
      const id = state.nextQueueId++;
      const item: QueueItem = {
        id,
        job,
        parameters: params,
        inQueueSince: Date.now(),
        readyAt: Date.now() + quiet,
        cancelled: false,
      };
      state.queue.set(id, item);
      if (
        state.cancelNextQueueItem ||
        (params.ENV_NAME ?? '').startsWith('cancel-')
      ) {
        state.cancelNextQueueItem = false;
        state.later(Math.min(quiet, 200), () => {
          item.cancelled = true;
        });
      } else {
        state.later(quiet, () => startBuild(item));
      }
      if (state.dropNextTriggerResponse) {
        state.dropNextTriggerResponse = false;
        req.socket.destroy();
        return;
      }
      res.writeHead(201, {
        location: `${url}/queue/item/${id}/`,
        'x-jenkins': '2.479.1',
        'content-length': '0',
      });
      res.end();
      return;
    }

    if (method === 'GET' && rest.join('/') === 'api/json') {
      try {
        send(res, 200, itemApiJson(jobJson(job), u));
      } catch (e) {
        // Jenkins answers a tree it cannot parse with 400.
        send(res, 400, `<html><body>${(e as Error).message}</body></html>`);
      }
      return;
    }
    if (method === 'GET' && rest.length === 0) {
      // The job's page, where Jenkins redirects after a POST such as a rebuild.
      send(res, 200, `<html><body><h1>${job}</h1></body></html>`);
      return;
    }

    const number = Number(rest[0]);
    const build = state.builds.find(b => b.job === job && b.number === number);
    if (!build) {
      send(res, 404, '<html><body>Not Found</body></html>');
      return;
    }
    const sub = rest.slice(1).join('/');
    if (method === 'GET' && sub === 'api/json') {
      const tree = u.searchParams.get('tree');
      send(
        res,
        200,
        tree ? applyTree(buildJson(build), tree) : plain(buildJson(build)),
      );
      return;
    }
    if (method === 'POST' && sub === 'replay/rebuild') {
      // Pipeline's Replay: the same script and parameters again, queued
      // without a quiet period; Jenkins then redirects to the job.
      const id = state.nextQueueId++;
      const item: QueueItem = {
        id,
        job,
        parameters: { ...build.parameters },
        inQueueSince: Date.now(),
        readyAt: Date.now(),
        cancelled: false,
      };
      state.queue.set(id, item);
      state.later(0, () => startBuild(item));
      res.writeHead(302, { location: jobUrl(job), 'x-jenkins': '2.479.1' });
      res.end();
      return;
    }
    if (method === 'GET' && sub === 'logText/progressiveText') {
      const text = logText(build);
      const start = Math.max(0, Number(u.searchParams.get('start') ?? 0) || 0);
      const chunk =
        start >= text.length ? Buffer.alloc(0) : text.subarray(start);
      const headers: Record<string, string> = {
        'content-type': 'text/plain;charset=utf-8',
        'x-text-size': String(text.length),
        'x-jenkins': '2.479.1',
      };
      if (!build.done) headers['x-more-data'] = 'true';
      res.writeHead(200, headers);
      res.end(chunk);
      return;
    }
    if (method === 'GET' && sub === 'consoleText') {
      res.writeHead(200, { 'content-type': 'text/plain;charset=utf-8' });
      res.end(logText(build));
      return;
    }
    send(res, 404, '<html><body>Not Found</body></html>');
  };
}

export function jenkinsStandIn(options: JenkinsStandInOptions = {}): StandIn & {
  state: JenkinsState;
} {
  const state = new JenkinsState(options);
  return {
    name: 'jenkins',
    description:
      'Jenkins remote API (buildWithParameters, queue, builds, progressive log, crumbs)',
    state,
    start: ({ host, port, url }) =>
      new Promise((resolve, reject) => {
        let handler: ReturnType<typeof createJenkinsHandler> | undefined;
        const server = http.createServer((req, res) => {
          handler!(req, res).catch(error => {
            send(res, 500, { error: String(error) });
          });
        });
        server.once('error', reject);
        server.listen(port, host, () => {
          const actual = (server.address() as { port: number }).port;
          handler = createJenkinsHandler(
            state.rootUrl ?? (port === 0 ? `http://localhost:${actual}` : url),
            state,
          );
          server.on('close', () => state.reset());
          resolve(server);
        });
      }),
  };
}
