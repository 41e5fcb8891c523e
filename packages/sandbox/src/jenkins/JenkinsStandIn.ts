import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { StandIn } from '../StandIn.ts';
import { dispatch, listen } from '../http.ts';
import { authenticate, crumbRoutes, refuseUnauthenticated } from './auth.ts';
import { controlRoutes } from './controlRoutes.ts';
import { handleJobPath, rootRoutes } from './jobRoutes.ts';
import { jenkinsJson } from './json.ts';
import { queueRoutes } from './queueRoutes.ts';
import { send, type JenkinsRequest } from './request.ts';
import { JenkinsState, type JenkinsStandInOptions } from './state.ts';

/**
 * Jenkins stand-in: the remote API the portal uses.
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

/** Routes outside the jobs' URL space, tried in this order. */
const routes = [...crumbRoutes, ...rootRoutes, ...queueRoutes];

/** The request handler of a stand-in whose root URL is `root`. */
function createJenkinsHandler(root: string, state: JenkinsState) {
  const json = jenkinsJson(root, state);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', root);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const request: JenkinsRequest = {
      req,
      res,
      url,
      root,
      state,
      json,
      auth: authenticate(req),
    };
    if (path.startsWith('/__sandbox/')) {
      if (!(await dispatch(controlRoutes, method, path, request))) {
        send(res, 404, { error: 'not found' });
      }
      return;
    }
    if (state.down) {
      // A server that is gone: the connection drops without an answer.
      req.socket.destroy();
      return;
    }
    if (refuseUnauthenticated(request)) return;
    if (await dispatch(routes, method, path, request)) return;
    await handleJobPath(request);
  };
}

/** The Jenkins stand-in; `state` lets tests steer it and read what ran. */
export function jenkinsStandIn(options: JenkinsStandInOptions = {}): StandIn & {
  state: JenkinsState;
} {
  const state = new JenkinsState(options);
  return {
    name: 'jenkins',
    description:
      'Jenkins remote API (buildWithParameters, queue, builds, progressive log, crumbs)',
    state,
    start: async ({ host, port, url }) => {
      // The root URL may name the port, known only once it listens.
      const server = await listen({ host, port }, http.createServer());
      const actual = (server.address() as { port: number }).port;
      const handler = createJenkinsHandler(
        state.rootUrl ?? (port === 0 ? `http://localhost:${actual}` : url),
        state,
      );
      server.on('request', (req, res) => {
        handler(req, res).catch(error => {
          send(res, 500, { error: String(error) });
        });
      });
      server.on('close', () => state.reset());
      return server;
    },
  };
}
