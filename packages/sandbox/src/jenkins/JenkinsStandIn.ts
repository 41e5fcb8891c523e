import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { StandIn } from '../StandIn.ts';
import { buildLogLines } from './buildLog.ts';

/**
 * Jenkins stand-in: the remote API the portal uses, as in shared/FACTS.md.
 *
 * - `POST /job/{a}/job/{b}/buildWithParameters` answers 201 with
 *   `Location: {base}/queue/item/{id}/`; the item waits out a quiet period
 *   (1 s here; `?delay=0sec` like Jenkins) and then names its build in
 *   `executable`, or is `cancelled`.
 * - `GET /job/.../{n}/api/json`: `building`, `result`.
 * - `GET /job/.../{n}/logText/progressiveText?start=N`: the log from byte N,
 *   `X-Text-Size` (the next offset) and `X-More-Data: true` while it grows.
 * - Basic auth with an API token; with the password instead, a POST needs the
 *   crumb from `/crumbIssuer/api/json`, tied to the session cookie. No
 *   credentials: 403; wrong ones: 401.
 *
 * How a run ends, chosen by the test:
 * - `ENV_NAME` starting with `fail-` fails (FAILURE), `abort-` is ABORTED,
 *   `unstable-` is UNSTABLE, `cancel-` has its queue item cancelled;
 * - or `POST /__sandbox/control` with `{ "nextResult": "FAILURE" }`,
 *   `{ "cancelNextQueueItem": true }`, `{ "lineDelayMs": 5 }`,
 *   `{ "quietPeriodMs": 0 }`; `GET /__sandbox/builds` lists what was triggered;
 *   `POST /__sandbox/reset` forgets everything.
 */
export const JENKINS_USER = 'portal';
export const JENKINS_API_TOKEN = '11sandboxjenkinsapitoken0000000000';
export const JENKINS_PASSWORD = 'sandbox-password';
/** Jobs that exist; anything else is 404 as in Jenkins. */
export const JENKINS_JOBS = ['platform/environment', 'environment'];

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
}

export interface JenkinsStandInOptions {
  lineDelayMs?: number;
  quietPeriodMs?: number;
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
  timers = new Set<NodeJS.Timeout>();
  private readonly defaults: Required<JenkinsStandInOptions>;

  constructor(options: JenkinsStandInOptions = {}) {
    this.defaults = {
      lineDelayMs: options.lineDelayMs ?? 40,
      quietPeriodMs: options.quietPeriodMs ?? 1000,
    };
    this.lineDelayMs = this.defaults.lineDelayMs;
    this.quietPeriodMs = this.defaults.quietPeriodMs;
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
    const build: Build = {
      job: item.job,
      number,
      parameters: item.parameters,
      result,
      timestamp: Date.now(),
      lines: buildLogLines({
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

  const buildJson = (build: Build) => ({
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    actions: [
      {
        _class: 'hudson.model.ParametersAction',
        parameters: Object.entries(build.parameters).map(([name, value]) => ({
          _class: 'hudson.model.StringParameterValue',
          name,
          value,
        })),
      },
      { _class: 'hudson.model.CauseAction', causes: [{ shortDescription: 'Started by user portal', userId: JENKINS_USER }] },
    ],
    building: !build.done,
    description: null,
    displayName: `#${build.number}`,
    duration: build.done ? Date.now() - build.timestamp : 0,
    estimatedDuration: 600000,
    fullDisplayName: `${build.job.replace(/\//g, ' » ')} #${build.number}`,
    id: String(build.number),
    number: build.number,
    queueId: build.queueId,
    result: build.done ? build.result : null,
    timestamp: build.timestamp,
    url: `${jobUrl(build.job)}${build.number}/`,
  });

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
          builds: state.builds.map(b => ({
            job: b.job,
            number: b.number,
            parameters: b.parameters,
            result: b.done ? b.result : null,
          })),
        });
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
        send(res, 200, { ok: true });
        return;
      }
      send(res, 404, { error: 'not found' });
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
    if (!job || !JENKINS_JOBS.includes(job)) {
      send(res, 404, '<html><body>Not Found</body></html>');
      return;
    }

    if (method === 'POST' && rest[0] === 'buildWithParameters') {
      if (auth === 'password') {
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
      const body = await readBody(req);
      const params: Record<string, string> = {};
      const form = new URLSearchParams(body);
      for (const [k, v] of [...u.searchParams, ...form]) {
        if (k !== 'delay' && k !== 'token') params[k] = v;
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
      res.writeHead(201, {
        location: `${url}/queue/item/${id}/`,
        'x-jenkins': '2.479.1',
        'content-length': '0',
      });
      res.end();
      return;
    }

    if (method === 'GET' && rest.length === 2 && rest[0] === 'api' && rest[1] === 'json') {
      const builds = state.builds.filter(b => b.job === job);
      const last = builds[builds.length - 1];
      send(res, 200, {
        _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
        name: job.split('/').pop(),
        fullName: job,
        url: jobUrl(job),
        buildable: true,
        builds: builds
          .slice()
          .reverse()
          .map(b => ({ number: b.number, url: `${jobUrl(job)}${b.number}/` })),
        lastBuild: last ? { number: last.number, url: `${jobUrl(job)}${last.number}/` } : null,
        nextBuildNumber: state.nextNumber.get(job) ?? 1,
        property: [
          {
            _class: 'hudson.model.ParametersDefinitionProperty',
            parameterDefinitions: [
              { name: 'ENV_NAME', type: 'StringParameterDefinition' },
              { name: 'ACTION', type: 'ChoiceParameterDefinition', choices: ['apply', 'destroy'] },
              { name: 'GIT_REF', type: 'StringParameterDefinition' },
            ],
          },
        ],
      });
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
      send(res, 200, buildJson(build));
      return;
    }
    if (method === 'GET' && sub === 'logText/progressiveText') {
      const text = logText(build);
      const start = Math.max(0, Number(u.searchParams.get('start') ?? 0) || 0);
      const chunk = start >= text.length ? Buffer.alloc(0) : text.subarray(start);
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
            port === 0 ? `http://localhost:${actual}` : url,
            state,
          );
          server.on('close', () => state.reset());
          resolve(server);
        });
      }),
  };
}
