/** For the stand-ins' tests: their servers on free loopback ports, started and closed. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandIn } from './StandIn.ts';
import { Sandbox } from './Sandbox.ts';
import { listen } from './http.ts';

/** Starts `server` on a free loopback port; resolves to `http://127.0.0.1:<port>`. */
export async function listenLocally(server: Server): Promise<string> {
  await listen({ host: '127.0.0.1', port: 0 }, server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise(r => server.close(() => r()));
}

/**
 * Serves `create()` to the tests of the enclosing `describe` (started before
 * them, closed after them); `base` is its URL while they run.
 */
export function serveDuringTests(create: () => Server): { base: string } {
  const served = { base: '' };
  let server: Server;
  beforeAll(async () => {
    server = create();
    served.base = await listenLocally(server);
  });
  afterAll(() => closeServer(server));
  return served;
}

/**
 * Runs `standIn` in a Sandbox on a free port for the tests of the enclosing
 * `describe`; `url` is its URL while they run.
 */
export function runDuringTests(standIn: StandIn): { url: string } {
  const sandbox = new Sandbox([standIn]);
  const running = { url: '' };
  beforeAll(async () => {
    running.url = (await sandbox.start(0)).standIns[0].url;
  });
  afterAll(() => sandbox.stop());
  return running;
}
