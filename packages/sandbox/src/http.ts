import http, {
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';

/**
 * The HTTP plumbing every stand-in shares: reading bodies, answering JSON,
 * listening, and a route table. What a stand-in answers (status codes,
 * content types, error shapes) stays the vendor's: callers pass headers.
 */

/**
 * The request body as UTF-8 text. With `limit` (characters), a longer body
 * destroys the request, as a server that refuses large forms does.
 */
export function readBody(
  req: IncomingMessage,
  options: { limit?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (options.limit !== undefined && size > options.limit) {
        req.destroy(new Error('request body too large'));
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `JSON.parse`, or undefined when the text is not JSON. */
export function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Answers `body` as JSON. The content type defaults to
 * `application/json; charset=utf-8`; a vendor that writes another passes it
 * in `headers`.
 */
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

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML page or attribute value: `& < > " '` as entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, c => HTML_ENTITIES[c]);
}

/** Answers an HTML page (or other text, with a `content-type` header). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    ...headers,
  });
  res.end(text);
}

/** Starts `server` (or a server for `handler`) and resolves once it listens. */
export function listen(
  options: { host: string; port: number },
  serverOrHandler: Server | RequestListener,
): Promise<Server> {
  const server =
    serverOrHandler instanceof http.Server
      ? serverOrHandler
      : http.createServer(serverOrHandler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/**
 * Starts a stand-in's HTTP server; a request whose handling throws is
 * answered 500 with `errorBody`, in the vendor's error shape.
 */
export function listenJson(
  options: { host: string; port: number },
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  errorBody: (error: unknown) => unknown,
): Promise<Server> {
  return listen(options, (req, res) => {
    handle(req, res).catch(error => sendJson(res, 500, errorBody(error)));
  });
}

/** A request handler in a route table; `params` are the pattern's groups. */
export type RouteHandler<C> = (
  context: C,
  params: string[],
) => void | Promise<void>;

/**
 * One row of a route table: the method (`*` for any), the path (exact, or
 * a regular expression that must match the whole path) and the handler.
 */
export type Route<C> = readonly [
  method: string,
  path: string | RegExp,
  handle: RouteHandler<C>,
];

/** The groups of `pattern` in `path`, or undefined when it does not match. */
function matchPath(pattern: string | RegExp, path: string) {
  if (typeof pattern === 'string') return pattern === path ? [] : undefined;
  const match = pattern.exec(path);
  return match && match[0] === path ? match.slice(1) : undefined;
}

/**
 * Runs the first route of `routes` that matches `method` and `path`;
 * resolves false when none does, so the caller answers the vendor's 404.
 */
export async function dispatch<C>(
  routes: readonly Route<C>[],
  method: string,
  path: string,
  context: C,
): Promise<boolean> {
  for (const [routeMethod, pattern, handle] of routes) {
    if (routeMethod !== '*' && routeMethod !== method) continue;
    const params = matchPath(pattern, path);
    if (params) {
      await handle(context, params);
      return true;
    }
  }
  return false;
}
