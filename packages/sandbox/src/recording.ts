import type { IncomingMessage, ServerResponse } from 'node:http';
import { dispatch, readBody, safeJson, sendJson, type Route } from './http.ts';

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
    const control = { res, body: raw ? safeJson(raw) : {} };
    const handled = await dispatch(
      this.controlRoutes,
      req.method ?? '',
      path,
      control,
    );
    if (!handled) {
      const answer = extra?.(path, control.body);
      if (answer === undefined) {
        sendJson(res, 404, { error: `no control endpoint ${path}` });
      } else {
        sendJson(res, 200, answer);
      }
    }
    return true;
  }

  private readonly controlRoutes: Route<ControlRequest>[] = [
    [
      'GET',
      '/_sandbox/requests',
      ({ res }) => sendJson(res, 200, this.requests),
    ],
    [
      'DELETE',
      '/_sandbox/requests',
      ({ res }) => {
        this.requests.length = 0;
        this.failures = [];
        sendJson(res, 200, { ok: true });
      },
    ],
    ['POST', '/_sandbox/fail', control => this.arm(control)],
  ];

  private arm({ res, body }: ControlRequest) {
    const status = Number(body?.status);
    if (!(status >= 400 && status <= 599)) {
      sendJson(res, 400, { error: 'status must be 4xx or 5xx' });
      return;
    }
    this.failures.push({
      status,
      times: Number(body.times ?? 1),
      retryAfter:
        body.retryAfter === undefined ? undefined : Number(body.retryAfter),
      path: body.path,
    });
    sendJson(res, 200, { ok: true });
  }
}

/** A control request: where to answer and its parsed JSON body. */
type ControlRequest = { res: ServerResponse; body: any };

/** The `Retry-After` header an armed failure asks for, if any. */
export function retryAfterHeaders(
  failure: ArmedFailure,
): Record<string, string> {
  return failure.retryAfter !== undefined
    ? { 'retry-after': String(failure.retryAfter) }
    : {};
}
