import type { JsonObject } from '@backstage/types';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCostExplorerHandler,
  type CostExplorerHandlerOptions,
} from '@internal/sandbox/cost-explorer';

/** The sandbox's Cost Explorer stand-in on a local port, for the real SDK to talk to. */
export async function startCostExplorer(options: CostExplorerHandlerOptions) {
  const handler = createCostExplorerHandler(options);
  const server = http.createServer(handler);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state: handler.state,
    /** `costUptime.costExplorer` config reading from this stand-in, with `more`. */
    config: (more: JsonObject = {}) => ({
      endpoint: url,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      ...more,
    }),
    stop: () => new Promise<void>(r => server.close(() => r())),
  };
}
