import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What a messaging stand-in (Slack, Kakao) received, so tests can read back
 * exactly what the portal sent: `GET /_sandbox/requests`.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: { authorization?: string; contentType?: string };
  /** The parsed body: JSON, or the form fields of a urlencoded body. */
  body: unknown;
  /** What the stand-in answered. */
  status: number;
  response: unknown;
  at: string;
}

/** A failure to answer on demand, armed through `POST /_sandbox/fail`. */
export interface ArmedFailure {
  status: number;
  times: number;
  retryAfter?: number;
  path?: string;
}

/**
 * Recording and on-demand failures shared by the messaging stand-ins.
 *
 * Control endpoints (not part of any vendor API, under `/_sandbox/`):
 * - `GET /_sandbox/requests`: every request received, oldest first;
 * - `DELETE /_sandbox/requests`: forget them (and disarm failures);
 * - `POST /_sandbox/fail` `{status, times?, retryAfter?, path?}`: answer the
 *   next `times` (default 1) API requests (optionally only to `path`) with
 *   `status`, e.g. 429 with `Retry-After: retryAfter` or a 5xx.
 */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  private failures: ArmedFailure[] = [];

  record(entry: Omit<RecordedRequest, 'at'>) {
    this.requests.push({ ...entry, at: new Date().toISOString() });
  }

  /**
   * The way a stand-in answers an API request: JSON, recorded with the
   * request's method, path, auth and content type and the parsed `body`.
   */
  answerer(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body: unknown,
  ) {
    return (
      status: number,
      response: unknown,
      headers: Record<string, string> = {},
    ) => {
      this.record({
        method: req.method ?? '',
        path,
        headers: {
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'] ?? '',
        },
        body,
        status,
        response,
      });
      sendJson(res, status, response, headers);
    };
  }

  /** Takes an armed failure for this path, if one is left. */
  takeFailure(path: string): ArmedFailure | undefined {
    const failure = this.failures.find(
      f => f.times > 0 && (!f.path || f.path === path),
    );
    if (failure) {
      failure.times -= 1;
      this.failures = this.failures.filter(f => f.times > 0);
    }
    return failure;
  }

  /** Answers a control request; returns false when `req` is not one. */
  async handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    extra?: (path: string, body: any) => unknown | undefined,
  ): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0];
    if (!path.startsWith('/_sandbox/')) {
      return false;
    }
    const raw = await readBody(req);
    const body = raw ? safeJson(raw) : {};
    if (path === '/_sandbox/requests' && req.method === 'GET') {
      sendJson(res, 200, this.requests);
    } else if (path === '/_sandbox/requests' && req.method === 'DELETE') {
      this.requests.length = 0;
      this.failures = [];
      sendJson(res, 200, { ok: true });
    } else if (path === '/_sandbox/fail' && req.method === 'POST') {
      const status = Number(body?.status);
      if (!(status >= 400 && status <= 599)) {
        sendJson(res, 400, { error: 'status must be 4xx or 5xx' });
        return true;
      }
      this.failures.push({
        status,
        times: Number(body.times ?? 1),
        retryAfter:
          body.retryAfter === undefined ? undefined : Number(body.retryAfter),
        path: body.path,
      });
      sendJson(res, 200, { ok: true });
    } else {
      const answer = extra?.(path, body);
      if (answer === undefined) {
        sendJson(res, 404, { error: `no control endpoint ${path}` });
      } else {
        sendJson(res, 200, answer);
      }
    }
    return true;
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** The `Retry-After` header an armed failure asks for, if any. */
export function retryAfterHeaders(
  failure: ArmedFailure,
): Record<string, string> {
  return failure.retryAfter !== undefined
    ? { 'retry-after': String(failure.retryAfter) }
    : {};
}

/**
 * Starts a stand-in's HTTP server; a request whose handling throws is
 * answered 500 with `errorBody`, in the vendor's error shape.
 */
export function listenJson(
  options: { host: string; port: number },
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  errorBody: (error: unknown) => unknown,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch(error => sendJson(res, 500, errorBody(error)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
