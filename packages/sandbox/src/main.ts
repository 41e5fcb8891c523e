/*
 * Entry point of the local stand-ins: `node src/main.ts` (Node 22.18+ runs the
 * TypeScript directly). Runs as its own process, like the real systems would,
 * which also keeps ESM-only servers such as oidc-provider out of Jest.
 */
import { Sandbox } from './Sandbox.ts';
import { standIns } from './standIns.ts';
import { DEFAULT_SANDBOX_PORT_BASE } from './ports.ts';

const base = Number(process.env.SANDBOX_PORT_BASE ?? DEFAULT_SANDBOX_PORT_BASE);
const sandbox = new Sandbox(standIns);

sandbox.start(base).then(
  ({ controlUrl, standIns: running }) => {
    console.log(`[sandbox] control server on ${controlUrl}/healthz`);
    for (const s of running) {
      console.log(`[sandbox] ${s.name} on ${s.url}: ${s.description}`);
    }
    if (running.length === 0) {
      console.log('[sandbox] no stand-ins registered yet');
    }
  },
  error => {
    console.error(`[sandbox] failed to start: ${(error as Error).message}`);
    process.exit(1);
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    sandbox.stop().finally(() => process.exit(0));
  });
}
