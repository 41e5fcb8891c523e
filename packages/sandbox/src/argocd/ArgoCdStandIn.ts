/*
 * Argo CD API servers, one per environment, each under its own root path
 * (`{url}/{instance}`, as Argo CD's `server.rootpath` serves it), so one
 * process plays several instances with their own credentials and sessions.
 *
 *   POST /{instance}/api/v1/session {username, password}      -> {token}
 *   GET  /{instance}/api/v1/applications[?selector=k=v&projects=p&appNamespace=ns]
 *   GET  /{instance}/api/v1/applications/{name}[?appNamespace=ns]
 *   GET  /{instance}/api/v1/applications/{name}/revisions/{rev}/metadata
 *   GET  /{instance}/applications/[{namespace}/]{name}   (a minimal web UI)
 *
 * Applications may live outside Argo CD's own namespace (`argocd`): asked
 * for by name, such an app is found only with `appNamespace`, as Argo CD
 * answers.
 *
 * and the write endpoints (sync, refresh, create, update, delete, terminate
 * operation) of ./argocdWrites.ts.
 *
 * Errors are grpc-gateway JSON (`{error, code, message}`): 401 without a
 * valid session token (tokens of one instance are not valid on another), 404
 * for an unknown application.
 *
 * Every API request with a valid session (all but the session login) is
 * recorded with its instance, method, path and query, and body, so tests can
 * tell whether a write reached Argo CD.
 *
 * Control (for tests): `POST /_sandbox/outage/{instance}` makes that instance
 * drop every connection, `DELETE` brings it back; `GET /_sandbox/requests`
 * lists the recorded requests, `DELETE /_sandbox/requests` forgets them.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { StandIn } from '../StandIn.ts';
import { listen, readBody, safeJson, sendJson, sendText } from '../http.ts';
import { Recorder } from '../recording.ts';
import { handleApplicationWrite } from './argocdWrites.ts';
import {
  exampleInstances,
  type Application,
  type ArgoInstanceData,
} from './applications.ts';

export type ArgoCredentials = { username: string; password: string };

/** Local credentials of each instance (stand-in only; production reads env). */
export const ARGOCD_CREDENTIALS: Record<string, ArgoCredentials> = {
  'dev-a': { username: 'admin', password: 'sandbox-argocd-dev-a' },
  prod: { username: 'admin', password: 'sandbox-argocd-prod' },
};

const errorBody = (code: number, message: string) => ({
  error: message,
  code,
  message,
});

/** Argo CD's API (grpc-gateway) writes `application/json` without a charset. */
const JSON_TYPE = { 'content-type': 'application/json' };

function grpcError(
  res: http.ServerResponse,
  httpStatus: number,
  code: number,
  message: string,
) {
  sendJson(res, httpStatus, errorBody(code, message), JSON_TYPE);
}

const json = (res: http.ServerResponse, body: unknown) =>
  sendJson(res, 200, body, JSON_TYPE);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

/** Argo CD's own namespace, where an app is looked up without `appNamespace`. */
const CONTROL_PLANE_NAMESPACE = 'argocd';

const inNamespace = (app: Application, namespace: string | null) =>
  (app.metadata.namespace || CONTROL_PLANE_NAMESPACE) ===
  (namespace || CONTROL_PLANE_NAMESPACE);

function matchesSelector(app: Application, selector: string | null) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [k, v] = term.split('=');
    return app.metadata.labels[k.trim()] === v?.trim();
  });
}

export type ArgoCdServerOptions = {
  /** Where API requests are recorded; tests pass their own to read it. */
  recorder?: Recorder;
  /** The stand-in's clock (session tokens, operation and refresh times). */
  now?: () => Date;
};

export function createArgoCdServer(
  instances: Record<string, ArgoInstanceData> = exampleInstances(),
  credentials: Record<string, ArgoCredentials> = ARGOCD_CREDENTIALS,
  options: ArgoCdServerOptions = {},
) {
  const down = new Set<string>();
  const sessions = new Map<string, string>(); // token -> instance
  const recorder = options.recorder ?? new Recorder();
  const now = options.now ?? (() => new Date());

  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const outage = url.pathname.match(/^\/_sandbox\/outage\/([^/]+)$/);
      if (outage) {
        if (req.method === 'POST') down.add(outage[1]);
        else if (req.method === 'DELETE') down.delete(outage[1]);
        json(res, { down: [...down] });
        return;
      }
      if (await recorder.handleControl(req, res)) return;

      const m = url.pathname.match(/^\/([^/]+)(\/.*)?$/);
      const name = m?.[1] ?? '';
      const data = instances[name];
      if (!data) {
        grpcError(res, 404, 5, 'Not Found');
        return;
      }
      if (down.has(name)) {
        // A server that is gone: the connection drops without an answer.
        req.socket.destroy();
        return;
      }
      const path = m?.[2] ?? '/';

      if (req.method === 'POST' && path === '/api/v1/session') {
        let body: Partial<ArgoCredentials> = {};
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          grpcError(res, 400, 3, 'invalid request body');
          return;
        }
        const expected = credentials[name];
        if (
          !expected ||
          body.username !== expected.username ||
          body.password !== expected.password
        ) {
          grpcError(res, 401, 16, 'Invalid username or password');
          return;
        }
        const b64 = (o: unknown) =>
          Buffer.from(JSON.stringify(o)).toString('base64url');
        const issuedAt = Math.floor(now().getTime() / 1000);
        const token = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
          iss: 'argocd',
          sub: `${body.username}:login`,
          iat: issuedAt,
          exp: issuedAt + 24 * 3600,
          jti: randomBytes(8).toString('hex'),
        })}.${randomBytes(32).toString('base64url')}`;
        sessions.set(token, name);
        json(res, { token });
        return;
      }

      const ui = path.match(/^\/applications\/(?:([^/]+)\/)?([^/]+)$/);
      if (req.method === 'GET' && ui) {
        const uiName = decodeURIComponent(ui[2]);
        const uiNamespace = ui[1] ? decodeURIComponent(ui[1]) : null;
        const app = data.applications.find(
          a => a.metadata.name === uiName && inNamespace(a, uiNamespace),
        );
        const body = app
          ? `<h2>${escapeHtml(app.metadata.name)}</h2><p>Sync: ${escapeHtml(
              app.status.sync.status,
            )}. Health: ${escapeHtml(app.status.health.status)}.</p>`
          : `<p>Application ${escapeHtml(uiName)} not found.</p>`;
        sendText(
          res,
          app ? 200 : 404,
          `<!doctype html><title>${escapeHtml(uiName)} - Argo CD (${escapeHtml(
            name,
          )})</title><h1>Argo CD: ${escapeHtml(name)}</h1>${body}`,
        );
        return;
      }

      if (!path.startsWith('/api/v1/')) {
        grpcError(res, 404, 5, 'Not Found');
        return;
      }
      const token =
        (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') ||
        (req.headers.cookie ?? '').match(/argocd\.token=([^;]+)/)?.[1] ||
        '';
      if (!token) {
        grpcError(res, 401, 16, 'no session information');
        return;
      }
      if (sessions.get(token) !== name) {
        grpcError(res, 401, 16, 'invalid session: token signature is invalid');
        return;
      }
      const raw = req.method === 'GET' ? '' : await readBody(req);
      const parsed: unknown = raw ? safeJson(raw) : undefined;
      const answer = (status: number, response: unknown) => {
        recorder.record({
          method: req.method ?? '',
          path: `/${name}${path}${url.search}`,
          headers: {
            authorization: req.headers.authorization,
            contentType: req.headers['content-type'] ?? '',
          },
          body: parsed,
          status,
          // Reads are recorded without their (large) answers.
          response: req.method === 'GET' ? null : response,
        });
        sendJson(res, status, response);
      };
      const write = handleApplicationWrite(
        data,
        {
          method: req.method ?? '',
          path,
          query: url.searchParams,
          body: parsed,
          username: credentials[name]?.username ?? 'admin',
        },
        now,
      );
      if (write) {
        answer(write.status, write.body);
        return;
      }
      if (req.method !== 'GET') {
        answer(404, errorBody(5, 'Not Found'));
        return;
      }
      if (path === '/api/v1/applications') {
        const projects = url.searchParams.getAll('projects');
        const selector = url.searchParams.get('selector');
        const appNamespace = url.searchParams.get('appNamespace');
        const items = data.applications.filter(
          a =>
            matchesSelector(a, selector) &&
            (!appNamespace || inNamespace(a, appNamespace)) &&
            (projects.length === 0 ||
              projects.includes(String(a.spec.project))),
        );
        answer(200, {
          metadata: { resourceVersion: '300100' },
          items,
        });
        return;
      }
      const one = path.match(
        /^\/api\/v1\/applications\/([^/]+)(?:\/revisions\/([^/]+)\/metadata)?$/,
      );
      if (one) {
        const appName = decodeURIComponent(one[1]);
        const appNamespace = url.searchParams.get('appNamespace');
        const app = data.applications.find(
          a => a.metadata.name === appName && inNamespace(a, appNamespace),
        );
        if (!app) {
          answer(
            404,
            errorBody(5, `applications.argoproj.io "${appName}" not found`),
          );
          return;
        }
        if (one[2]) {
          const meta = data.revisions[one[2]];
          if (!meta) {
            answer(404, errorBody(5, `revision ${one[2]} not found`));
            return;
          }
          answer(200, meta);
          return;
        }
        answer(200, app);
        return;
      }
      answer(404, errorBody(5, 'Not Found'));
    } catch (error) {
      grpcError(res, 500, 13, (error as Error).message);
    }
  });
}

/** The Argo CD stand-in of `./portal start`: the example instances. */
export function argocdStandIn(options: ArgoCdServerOptions = {}): StandIn {
  return {
    name: 'argocd',
    description:
      'Argo CD API servers of the environments dev-a and prod, under /{instance}',
    start: listenOptions =>
      listen(
        listenOptions,
        createArgoCdServer(exampleInstances(), ARGOCD_CREDENTIALS, options),
      ),
  };
}
