import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandInRegistration } from './StandIn.ts';

export interface RunningStandIn {
  name: string;
  description: string;
  url: string;
}

/**
 * Starts the stand-ins and a small control server that reports which are up,
 * so start-up scripts and tests can wait for one URL.
 */
export class Sandbox {
  private readonly servers: Server[] = [];
  private readonly running: RunningStandIn[] = [];

  private readonly registrations: StandInRegistration[];
  private readonly host: string;

  // Plain fields, not parameter properties: Node runs this file by stripping
  // types, which only supports erasable TypeScript syntax.
  constructor(registrations: StandInRegistration[], host = '127.0.0.1') {
    this.registrations = registrations;
    this.host = host;
  }

  async start(controlPort: number, env: NodeJS.ProcessEnv = process.env) {
    for (const { standIn, portEnv, defaultPort } of this.registrations) {
      const port = Number(env[portEnv] ?? defaultPort);
      const server = await standIn.start({ host: this.host, port });
      this.servers.push(server);
      const actual = (server.address() as AddressInfo).port;
      this.running.push({
        name: standIn.name,
        description: standIn.description,
        url: `http://localhost:${actual}`,
      });
    }
    const control = http.createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', standIns: this.running }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
    });
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(controlPort, this.host, () => resolve());
    });
    this.servers.push(control);
    return {
      controlUrl: `http://localhost:${(control.address() as AddressInfo).port}`,
      standIns: [...this.running],
    };
  }

  async stop() {
    await Promise.all(
      this.servers.map(
        server => new Promise<void>(resolve => server.close(() => resolve())),
      ),
    );
    this.servers.length = 0;
    this.running.length = 0;
  }
}
