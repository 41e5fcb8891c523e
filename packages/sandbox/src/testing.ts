/** For the stand-ins' tests: a server on a free loopback port, and closing it. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
