import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sandbox } from './Sandbox';
import type { StandIn } from './StandIn';
import { standInUrlEnvName, standInUrls, STAND_IN_PORT_OFFSETS } from './ports';

function echoStandIn(name: StandIn['name']): StandIn {
  return {
    name,
    description: `echo ${name}`,
    start: ({ host, port, url }) =>
      new Promise((resolve, reject) => {
        const server = http.createServer((_req, res) =>
          res.end(`${name} ${url}`),
        );
        server.once('error', reject);
        server.listen(port, host, () => resolve(server));
      }),
  };
}

async function freePortRange(size: number): Promise<number> {
  // A base whose whole range is free right now (good enough for a test).
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 20000);
    const probes: http.Server[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const s = http.createServer();
        await new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(base + i, '127.0.0.1', () => resolve());
        });
        probes.push(s);
      }
      return base;
    } catch {
      // taken, try another base
    } finally {
      await Promise.all(probes.map(s => new Promise(r => s.close(r))));
    }
  }
  throw new Error('no free port range');
}

describe('Sandbox', () => {
  it('starts every stand-in and reports them on the control server', async () => {
    const sandbox = new Sandbox([echoStandIn('jenkins')]);
    const { controlUrl, standIns } = await sandbox.start(0);
    try {
      expect(standIns).toEqual([
        {
          name: 'jenkins',
          description: 'echo jenkins',
          url: expect.stringMatching(/^http:\/\/localhost:\d+$/),
        },
      ]);
      const health = await fetch(`${controlUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', standIns });
      expect((await fetch(standIns[0].url)).status).toBe(200);
      expect((await fetch(`${controlUrl}/nope`)).status).toBe(404);
    } finally {
      await sandbox.stop();
    }
  });

  it('puts each stand-in at base + its offset, matching the URLs the backend is given', async () => {
    const base = await freePortRange(
      Math.max(...Object.values(STAND_IN_PORT_OFFSETS)) + 1,
    );
    const sandbox = new Sandbox([
      echoStandIn('jenkins'),
      echoStandIn('keycloak'),
    ]);
    const { controlUrl, standIns } = await sandbox.start(base);
    try {
      const urls = standInUrls(base);
      expect(controlUrl).toBe(`http://localhost:${base}`);
      for (const s of standIns) {
        expect(s.url).toBe(urls[standInUrlEnvName(s.name)]);
        // The stand-in was told its own URL (an OpenID issuer needs it).
        expect(await (await fetch(s.url)).text()).toBe(`${s.name} ${s.url}`);
      }
      expect(urls.SANDBOX_COST_EXPLORER_URL).toBe(
        `http://localhost:${base + STAND_IN_PORT_OFFSETS.costExplorer}`,
      );
    } finally {
      await sandbox.stop();
    }
  });

  it('fails clearly when a port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const takenPort = (blocker.address() as AddressInfo).port;
    const sandbox = new Sandbox([echoStandIn('kakao')]);
    try {
      await expect(
        sandbox.start(takenPort - STAND_IN_PORT_OFFSETS.kakao),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await sandbox.stop();
      await new Promise<void>(r => blocker.close(() => r()));
    }
  });
});
