import { createServer } from 'node:http';

/**
 * The HTTP service. GET /healthz answers the load balancer, Kubernetes probes
 * and the container's HEALTHCHECK; add your routes below.
 */
export function createApp() {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      return send(res, 200, { status: 'ok' });
    }
    if (req.method === 'GET' && url.pathname === '/') {
      return send(res, 200, { service: '${{ values.name }}' });
    }
    return send(res, 404, { error: 'not found' });
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
