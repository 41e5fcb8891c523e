import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Route } from '../http.ts';
import { JENKINS_API_TOKEN, JENKINS_PASSWORD, JENKINS_USER } from './state.ts';
import { send, type Auth, type JenkinsRequest } from './request.ts';

/**
 * Basic auth with the API token or the password; with the password a POST
 * also needs the crumb from `/crumbIssuer/api/json`, tied to the session
 * cookie.
 */
export function authenticate(req: IncomingMessage): Auth {
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
}

const sessionOf = (req: IncomingMessage) =>
  /JSESSIONID\.[a-z0-9]+=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

/**
 * Refuses a request Jenkins would: 403 without credentials, 401 with wrong
 * ones. Returns whether it answered.
 */
export function refuseUnauthenticated({ res, auth }: JenkinsRequest): boolean {
  if (auth === 'none') {
    send(res, 403, '<html><body>Authentication required</body></html>');
    return true;
  }
  if (auth === 'bad') {
    send(
      res,
      401,
      '<html><body>Invalid password/token for user: portal</body></html>',
      { 'www-authenticate': 'Basic realm="Jenkins"' },
    );
    return true;
  }
  return false;
}

/**
 * With a password (not an API token) a POST needs the session's crumb;
 * answers 403 and returns true when it is missing or wrong.
 */
export function refuseWithoutCrumb({ req, res, auth, state }: JenkinsRequest) {
  if (req.method !== 'POST' || auth !== 'password') return false;
  const session = sessionOf(req);
  const crumb = req.headers['jenkins-crumb'];
  if (session && crumb && state.sessions.get(session) === crumb) return false;
  send(
    res,
    403,
    '<html><body>HTTP ERROR 403 No valid crumb was included in the request</body></html>',
  );
  return true;
}

/** `GET /crumbIssuer/api/json`: a crumb for the caller's session. */
export const crumbRoutes: Route<JenkinsRequest>[] = [
  [
    'GET',
    '/crumbIssuer/api/json',
    ({ req, res, state }) => {
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
    },
  ],
];
