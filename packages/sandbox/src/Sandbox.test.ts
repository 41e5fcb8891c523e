import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sandbox } from './Sandbox';
import type { StandIn } from './StandIn';

function echoStandIn(name: string): StandIn {
  return {
    name,
    description: `echo ${name}`,
    start: ({ host, port }) =>
      new Promise((resolve, reject) => {
        const server = http.createServer((_req, res) => res.end(name));
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
      }),
  };
}

describe('Sandbox', () => {
  it('starts every stand-in and reports them on the control server', async () => {
    const sandbox = new Sandbox([
      { standIn: echoStandIn('alpha'), portEnv: 'ALPHA_PORT', defaultPort: 0 },
    ]);
    const { controlUrl, standIns } = await sandbox.start(0);
    try {
      expect(standIns).toEqual([
        {
          name: 'alpha',
          description: 'echo alpha',
          url: expect.stringMatching(/^http:\/\/localhost:\d+$/),
        },
      ]);
      const health = await fetch(`${controlUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', standIns });
      const echo = await fetch(standIns[0].url);
      expect(await echo.text()).toBe('alpha');
      expect((await fetch(`${controlUrl}/nope`)).status).toBe(404);
    } finally {
      await sandbox.stop();
    }
  });

  it('takes the port from the environment variable when set', async () => {
    const probe = http.createServer();
    await new Promise<void>(r => probe.listen(0, '127.0.0.1', () => r()));
    const freePort = (probe.address() as AddressInfo).port;
    await new Promise<void>(r => probe.close(() => r()));

    const sandbox = new Sandbox([
      { standIn: echoStandIn('beta'), portEnv: 'BETA_PORT', defaultPort: 1 },
    ]);
    const { standIns } = await sandbox.start(0, {
      BETA_PORT: String(freePort),
    });
    try {
      expect(standIns[0].url).toBe(`http://localhost:${freePort}`);
    } finally {
      await sandbox.stop();
    }
  });

  it('fails clearly when a port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const takenPort = (blocker.address() as AddressInfo).port;
    const sandbox = new Sandbox([
      {
        standIn: echoStandIn('gamma'),
        portEnv: 'GAMMA_PORT',
        defaultPort: takenPort,
      },
    ]);
    try {
      await expect(sandbox.start(0, {})).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await sandbox.stop();
      await new Promise<void>(r => blocker.close(() => r()));
    }
  });
});
