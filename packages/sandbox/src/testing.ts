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
