import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandIn } from './StandIn.ts';
import { listen, sendJson } from './http.ts';
import { STAND_IN_PORT_OFFSETS, type StandInName } from './ports.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

export interface RunningStandIn {
  name: StandInName;
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

  private readonly standIns: StandIn[];
  private readonly host: string;

  // Plain fields, not parameter properties: Node runs this file by stripping
  // types, which only supports erasable TypeScript syntax.
  constructor(standIns: StandIn[], host = '127.0.0.1') {
    this.standIns = standIns;
    this.host = host;
  }

  /**
   * Starts the control server on `base` and each stand-in on `base + offset`
   * (ports.ts). Base 0 gives every server a free port, for unit tests.
   */
  async start(base: number) {
    for (const standIn of this.standIns) {
      const port = base === 0 ? 0 : base + STAND_IN_PORT_OFFSETS[standIn.name];
      const server = await standIn.start({
        host: this.host,
        port,
        url: `http://localhost:${port}`,
      });
      this.servers.push(server);
      const actual = (server.address() as AddressInfo).port;
      this.running.push({
        name: standIn.name,
        description: standIn.description,
        url: `http://localhost:${actual}`,
      });
    }
    const controlPort = base;
    const control = await listen(
      { host: this.host, port: controlPort },
      (req, res) => {
        if (req.method === 'GET' && req.url === '/healthz') {
          sendJson(
            res,
            200,
            { status: 'ok', standIns: this.running },
            JSON_TYPE,
          );
          return;
        }
        sendJson(res, 404, { error: 'not found' }, JSON_TYPE);
      },
    );
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
