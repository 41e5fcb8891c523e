import type { Route } from '../http.ts';
import { jobUrl } from './json.ts';
import { applyTree, plain } from './tree.ts';
import { logText, startBuild, type QueueItem } from './state.ts';
import { JENKINS_VERSION_HEADER, send, type BuildRequest } from './request.ts';

/** One build: `/job/.../{n}/` followed by these paths. */
export const buildRoutes: Route<BuildRequest>[] = [
  [
    'GET',
    'api/json',
    ({ res, url, json, build }) => {
      const tree = url.searchParams.get('tree');
      const full = json.buildJson(build);
      send(res, 200, tree ? applyTree(full, tree) : plain(full));
    },
  ],
  ['POST', 'replay/rebuild', replay],
  [
    'GET',
    'logText/progressiveText',
    ({ res, url, build }) => {
      const text = logText(build);
      const start = Math.max(
        0,
        Number(url.searchParams.get('start') ?? 0) || 0,
      );
      const chunk =
        start >= text.length ? Buffer.alloc(0) : text.subarray(start);
      const headers: Record<string, string> = {
        'content-type': 'text/plain;charset=utf-8',
        'x-text-size': String(text.length),
        ...JENKINS_VERSION_HEADER,
      };
      if (!build.done) headers['x-more-data'] = 'true';
      res.writeHead(200, headers);
      res.end(chunk);
    },
  ],
  [
    'GET',
    'consoleText',
    ({ res, build }) => {
      res.writeHead(200, { 'content-type': 'text/plain;charset=utf-8' });
      res.end(logText(build));
    },
  ],
];

/**
 * Pipeline's Replay: the same script and parameters again, queued without
 * a quiet period; Jenkins then redirects to the job.
 */
function replay({ res, root, state, job, build }: BuildRequest) {
  const id = state.nextQueueId++;
  const item: QueueItem = {
    id,
    job,
    parameters: { ...build.parameters },
    inQueueSince: state.now(),
    readyAt: state.now(),
    cancelled: false,
  };
  state.queue.set(id, item);
  state.later(0, () => startBuild(state, item));
  res.writeHead(302, {
    location: jobUrl(root, job),
    ...JENKINS_VERSION_HEADER,
  });
  res.end();
}
