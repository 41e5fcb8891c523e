import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../http.ts';
import type { JenkinsJson } from './json.ts';
import type { Build, JenkinsState } from './state.ts';

/** Every Jenkins answer names the version it comes from. */
export const JENKINS_VERSION_HEADER = { 'x-jenkins': '2.479.1' };

/** How a request authenticated (see auth.ts). */
export type Auth = 'token' | 'password' | 'none' | 'bad';

/** What a Jenkins route handler is given. */
export interface JenkinsRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request URL, for its query. */
  url: URL;
  /** Jenkins' root URL, which every absolute URL it writes uses. */
  root: string;
  state: JenkinsState;
  json: JenkinsJson;
  auth: Auth;
}

/** A request to a job's URL space (`/job/a/job/b/...`). */
export interface JobRequest extends JenkinsRequest {
  /** The job's full name, `a/b`. */
  job: string;
}

/** A request to one build of a job (`/job/.../{n}/...`). */
export interface BuildRequest extends JobRequest {
  build: Build;
}

/** Answers as Jenkins does: a string is an HTML page, anything else JSON. */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (typeof body === 'string') {
    sendText(res, status, body, {
      'content-type': 'text/html;charset=utf-8',
      ...JENKINS_VERSION_HEADER,
      ...headers,
    });
  } else {
    sendJson(res, status, body, {
      'content-type': 'application/json;charset=utf-8',
      ...JENKINS_VERSION_HEADER,
      ...headers,
    });
  }
}

/** Jenkins' 404 page. */
export const notFound = (res: ServerResponse) =>
  send(res, 404, '<html><body>Not Found</body></html>');

/** `/job/a/job/b` -> `a/b`; returns the job and the rest of the path. */
export function parseJobPath(pathname: string) {
  const parts = pathname.split('/').filter(Boolean);
  const names: string[] = [];
  let i = 0;
  while (parts[i] === 'job' && parts[i + 1] !== undefined) {
    names.push(decodeURIComponent(parts[i + 1]));
    i += 2;
  }
  return { job: names.join('/'), rest: parts.slice(i) };
}
