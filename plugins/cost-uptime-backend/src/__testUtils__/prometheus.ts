/*
 * A real Prometheus (Debian's package) on known data for tests: write an
 * OpenMetrics file, backfill it with `promtool tsdb create-blocks-from
 * openmetrics`, start `prometheus` on a free port and wait until it answers.
 * PromQL over backfilled blocks is exact, so tests can expect exact figures.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

/** One series: labels and a value for each sample time (unix seconds). */
export interface SeriesSpec {
  name: string;
  labels: Record<string, string>;
  value: (t: number) => number | undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A free port in E2E_PORT_BASE+23..+29 when a base is set (+20..22 are the
 * browser tests' example servers), else any free port.
 */
async function freePort(): Promise<number> {
  const base = Number(process.env.E2E_PORT_BASE ?? 0);
  if (base) {
    // Several test files may start a Prometheus at once: start at a random slot.
    const offset = Math.floor(Math.random() * 7);
    for (let i = 0; i < 7; i++) {
      const port = base + 23 + ((offset + i) % 7);
      if (await portFree(port)) return port;
    }
  }
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** OpenMetrics text for the series, samples every `stepSeconds` in [start, end). */
export function openMetrics(
  series: SeriesSpec[],
  start: number,
  end: number,
  stepSeconds: number,
) {
  const lines: string[] = [];
  const byName = new Map<string, SeriesSpec[]>();
  for (const s of series)
    byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  for (const [name, list] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of list) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      for (let t = start; t < end; t += stepSeconds) {
        const v = s.value(t);
        if (v !== undefined) lines.push(`${name}{${labels}} ${v} ${t}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export async function startPrometheus(
  metrics: string,
): Promise<RunningPrometheus> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cost-uptime-prom-'));
  const file = path.join(dir, 'data.om');
  const data = path.join(dir, 'data');
  await fs.writeFile(file, metrics);
  await run(
    PROMTOOL_BIN,
    ['tsdb', 'create-blocks-from', 'openmetrics', '-q', file, data],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const config = path.join(dir, 'prometheus.yml');
  await fs.writeFile(
    config,
    'global:\n  scrape_interval: 1h\nscrape_configs: []\n',
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error('prometheus did not become ready in 30 s');
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
