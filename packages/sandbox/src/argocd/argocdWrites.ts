/*
 * The Argo CD API's write endpoints for the stand-in, as Argo CD's
 * ApplicationService serves them through grpc-gateway:
 *
 *   POST   /api/v1/applications/{name}/sync        ApplicationSyncRequest -> Application
 *   GET    /api/v1/applications/{name}?refresh=normal|hard                 -> Application
 *   DELETE /api/v1/applications/{name}[?cascade=..]                        -> {}
 *   DELETE /api/v1/applications/{name}/operation                           -> {}
 *   POST   /api/v1/applications[?upsert=true]       Application            -> Application
 *   PUT    /api/v1/applications/{name}              Application            -> Application
 *
 * Errors carry gRPC codes: 3 InvalidArgument (HTTP 400), 5 NotFound (404),
 * 9 FailedPrecondition (400, e.g. a sync while an operation is running or a
 * terminate when none is).
 */
import type { Application, ArgoInstanceData } from './applications.ts';

/** The stand-in's answer to one API request: HTTP status and JSON body. */
export type ArgoAnswer = { status: number; body: unknown };

export type ArgoWriteRequest = {
  method: string;
  /** The API path inside the instance, e.g. `/api/v1/applications/x/sync`. */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: any;
  /** The Argo CD user of the session, e.g. `admin`. */
  username: string;
};

const grpc = (status: number, code: number, message: string): ArgoAnswer => ({
  status,
  body: { error: message, code, message },
});

const notFound = (name: string) =>
  grpc(404, 5, `applications.argoproj.io "${name}" not found`);

const APP_PATH = /^\/api\/v1\/applications\/([^/]+)(\/sync|\/operation)?$/;

/**
 * Answers the write endpoints and `GET ...?refresh=`; undefined for any other
 * request (the caller serves reads and answers unknown paths 404).
 */
export function handleApplicationWrite(
  data: ArgoInstanceData,
  req: ArgoWriteRequest,
  now: () => Date,
): ArgoAnswer | undefined {
  if (req.path === '/api/v1/applications') {
    return req.method === 'POST' ? create(data, req, now) : undefined;
  }
  const m = req.path.match(APP_PATH);
  if (!m) return undefined;
  const name = decodeURIComponent(m[1]);
  const app = data.applications.find(a => a.metadata.name === name);
  const action = `${req.method} ${m[2] ?? ''}`;

  if (action === 'GET ' && req.query.has('refresh')) {
    return app ? refresh(app, req.query.get('refresh')!, now) : notFound(name);
  }
  if (action === 'GET ') return undefined;
  if (!app) return notFound(name);
  switch (action) {
    case 'POST /sync':
      return sync(app, req, now);
    case 'DELETE ':
      data.applications = data.applications.filter(a => a !== app);
      return { status: 200, body: {} };
    case 'DELETE /operation':
      return terminate(app);
    case 'PUT ':
      return update(app, req);
    default:
      return grpc(405, 12, 'Method Not Allowed');
  }
}

const iso = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

function refresh(app: Application, type: string, now: () => Date) {
  if (type !== 'normal' && type !== 'hard') {
    return grpc(400, 3, `unknown refresh type "${type}"`);
  }
  // Argo CD waits for the controller to have refreshed the app before it
  // answers; the refresh annotation is gone again by then.
  app.status.reconciledAt = iso(now());
  return { status: 200, body: app };
}

function isRunning(app: Application) {
  const phase = app.status.operationState?.phase;
  return phase === 'Running' || phase === 'Terminating';
}

function sync(app: Application, req: ArgoWriteRequest, now: () => Date) {
  if (isRunning(app)) {
    return grpc(400, 9, 'another operation is already in progress');
  }
  const body = req.body ?? {};
  const revision =
    typeof body.revision === 'string' && body.revision
      ? body.revision
      : app.status.sync.revision;
  const at = iso(now());
  // The controller's work is done at once: the sync succeeds on the spot.
  app.status.operationState = {
    operation: {
      sync: { revision, prune: Boolean(body.prune) },
      initiatedBy: { username: req.username },
    },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: at,
    finishedAt: at,
    syncResult: { revision },
  };
  app.status.sync.status = 'Synced';
  return { status: 200, body: app };
}

function terminate(app: Application) {
  if (!isRunning(app)) {
    return grpc(
      400,
      9,
      'Unable to terminate operation. No operation is in progress',
    );
  }
  app.status.operationState.phase = 'Terminating';
  return { status: 200, body: {} };
}

function update(app: Application, req: ArgoWriteRequest) {
  const body = req.body;
  if (!body?.spec || typeof body.spec !== 'object') {
    return grpc(400, 3, 'application spec is required');
  }
  if (body.metadata?.name && body.metadata.name !== app.metadata.name) {
    return grpc(400, 3, 'application name does not match the path');
  }
  app.spec = body.spec;
  app.metadata.generation += 1;
  return { status: 200, body: app };
}

function create(
  data: ArgoInstanceData,
  req: ArgoWriteRequest,
  now: () => Date,
) {
  const body = req.body;
  const name = body?.metadata?.name;
  if (
    typeof name !== 'string' ||
    !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)
  ) {
    return grpc(400, 3, 'application name is invalid or missing');
  }
  if (!body.spec || typeof body.spec !== 'object') {
    return grpc(400, 3, 'application spec is required');
  }
  const existing = data.applications.find(a => a.metadata.name === name);
  if (existing) {
    if (JSON.stringify(existing.spec) === JSON.stringify(body.spec)) {
      return { status: 200, body: existing };
    }
    if (req.query.get('upsert') !== 'true') {
      return grpc(
        400,
        3,
        'existing application spec is different, use upsert flag to force update',
      );
    }
    existing.spec = body.spec;
    return { status: 200, body: existing };
  }
  const app: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: 'argocd',
      uid: `00000000-0000-4000-8000-${String(data.applications.length).padStart(
        12,
        '0',
      )}`,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: iso(now()),
      labels: body.metadata.labels ?? {},
    },
    spec: body.spec,
    // A new application before the controller compared it.
    status: {
      sync: { status: '', revision: '', comparedTo: {} },
      health: { status: 'Missing' },
      history: [],
      operationState: {},
      summary: { images: [], externalURLs: [] },
    },
  };
  data.applications.push(app);
  return { status: 200, body: app };
}
