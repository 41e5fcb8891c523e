import { readBody, type Route } from '../http.ts';
import { applyTree, plain } from './tree.ts';
import {
  declaredParameters,
  parameterNames,
  waitingDuplicate,
} from './queue.ts';
import { startBuild, type QueueItem } from './state.ts';
import {
  JENKINS_VERSION_HEADER,
  notFound,
  send,
  type JenkinsRequest,
  type JobRequest,
} from './request.ts';

/** The queue: what waits (`/queue/api/json`), one item, cancelling one. */
export const queueRoutes: Route<JenkinsRequest>[] = [
  [
    'GET',
    /^\/queue\/api\/json\/?$/,
    ({ res, url, state, json }) => {
      const waiting = [...state.queue.values()].filter(
        i => !i.build && !i.cancelled,
      );
      const full = {
        _class: 'hudson.model.Queue',
        discoverableItems: [],
        items: waiting.map(json.queueJson),
      };
      const tree = url.searchParams.get('tree');
      send(res, 200, tree ? applyTree(full, tree) : plain(full));
    },
  ],
  [
    'GET',
    /^\/queue\/item\/(\d+)\/api\/json\/?$/,
    ({ res, state, json }, [id]) => {
      const item = state.queue.get(Number(id));
      if (!item) {
        notFound(res);
        return;
      }
      send(res, 200, json.queueJson(item));
    },
  ],
  [
    'POST',
    '/queue/cancelItem',
    ({ res, url, root, state }) => {
      const item = state.queue.get(Number(url.searchParams.get('id')));
      if (item && !item.build) item.cancelled = true;
      res.writeHead(302, { location: `${root}/queue/` });
      res.end();
    },
  ],
];

/**
 * `POST /job/.../buildWithParameters`: 201 with the queue item's
 * `Location`; parameters the job does not declare are dropped; the same
 * parameters while an item still waits answer that item (200 or 303).
 */
export async function triggerBuild(request: JobRequest) {
  const { req, res, url, root, state, json, job } = request;
  const form = new URLSearchParams(await readBody(req));
  const sent: Record<string, string> = {};
  for (const [k, v] of [...url.searchParams, ...form]) {
    if (k !== 'delay' && k !== 'token') sent[k] = v;
  }
  const params = declaredParameters(sent, parameterNames(json.jobJson(job)));
  const existing = waitingDuplicate(state.queue.values(), job, params);
  if (existing) {
    res.writeHead(state.duplicateStatus, {
      location: `${root}/queue/item/${existing.id}/`,
      ...JENKINS_VERSION_HEADER,
      'content-length': '0',
    });
    res.end();
    return;
  }
  const delayText = url.searchParams.get('delay') ?? form.get('delay');
  const quiet = delayText
    ? Number(/^(\d+)/.exec(delayText)?.[1] ?? 0) * 1000
    : state.quietPeriodMs;
  const item = enqueue(request, params, quiet);
  if (state.dropNextTriggerResponse) {
    state.dropNextTriggerResponse = false;
    req.socket.destroy();
    return;
  }
  res.writeHead(201, {
    location: `${root}/queue/item/${item.id}/`,
    ...JENKINS_VERSION_HEADER,
    'content-length': '0',
  });
  res.end();
}

/** Queues a run that starts after `quiet` ms, or is cancelled on request. */
function enqueue(
  { state, job }: JobRequest,
  parameters: Record<string, string>,
  quiet: number,
): QueueItem {
  const id = state.nextQueueId++;
  const item: QueueItem = {
    id,
    job,
    parameters,
    inQueueSince: state.now(),
    readyAt: state.now() + quiet,
    cancelled: false,
  };
  state.queue.set(id, item);
  if (
    state.cancelNextQueueItem ||
    (parameters.ENV_NAME ?? '').startsWith('cancel-')
  ) {
    state.cancelNextQueueItem = false;
    state.later(Math.min(quiet, 200), () => {
      item.cancelled = true;
    });
  } else {
    state.later(quiet, () => startBuild(state, item));
  }
  return item;
}
