#!/usr/bin/env node
/*
 * Local Prometheus servers on generated example data, one per example
 * environment (dev-a, staging, prod), the way each EKS cluster has its own
 * Prometheus. Used by ./portal start and the browser tests so the Cost &
 * Uptime page shows usage and uptime without a cluster, and the collection
 * can allocate each cluster's bill to services (kube-state-metrics and
 * cAdvisor series of the example clusters, packages/sandbox/src/eks).
 *
 *   node scripts/prometheus/example.mjs --port 7020 --dir .data/prometheus [--days 14]
 *
 * Starts dev-a on --port, staging on --port+1, prod on --port+2, and stays in
 * the foreground until stopped. The data ends now: the servers do not scrape,
 * so after a while the newest hours have no samples (restart to refresh).
 * Needs Debian's `prometheus` package (prometheus + promtool).
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
// The clusters' kube-state-metrics and cAdvisor series: the same nodes the
// Cost Explorer stand-in bills (Node 24 runs the TypeScript as it is).
import { clusterMetricLines } from '../../packages/sandbox/src/eks/clusterMetrics.ts';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const basePort = Number(args.port ?? 7020);
const dir = path.resolve(args.dir ?? '.data/prometheus');
const days = Number(args.days ?? 7);
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

export const ENVIRONMENTS = [
  { name: 'dev-a', nodes: 2, cpu: 22, memory: 48, pvGb: 40, trafficKbps: 90 },
  {
    name: 'staging',
    nodes: 3,
    cpu: 31,
    memory: 57,
    pvGb: 60,
    trafficKbps: 160,
  },
  { name: 'prod', nodes: 6, cpu: 46, memory: 66, pvGb: 220, trafficKbps: 1250 },
];

/** Stable pseudo-random numbers so every start draws the same pictures. */
function noise(seed) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 10000) / 10000;
}

function generate(env, start, end) {
  // Two samples in every 5-minute rate() window, and few enough lines that
  // promtool backfills a week in seconds.
  const step = 120;
  const out = [];
  const series = (name, labels, fn) => {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (let t = start; t < end; t += step) {
      const v = fn(t);
      if (v !== undefined) out.push(`${name}{${l}} ${v} ${t}`);
    }
  };
  const hourOfDay = t => (t / 3600 + 9) % 24; // Seoul office hours
  const busy = t =>
    0.5 + 0.5 * Math.sin(((hourOfDay(t) - 8) / 24) * 2 * Math.PI);
  // Nodes, pods, volumes and Ingresses, sampled every 15 minutes: the
  // allocation reads each hour's last state and average usage.
  for (const line of clusterMetricLines(env.name, start, end, 900)) out.push(line);
  out.push('# TYPE kubelet_volume_stats_capacity_bytes gauge');
  series(
    'kubelet_volume_stats_capacity_bytes',
    { persistentvolumeclaim: 'data' },
    () => env.pvGb * 1e9,
  );
  const hourNoise = t => noise(`${env.name}${Math.floor(t / 3600)}`) - 0.5;
  out.push('# TYPE node_memory_MemAvailable_bytes gauge');
  series('node_memory_MemAvailable_bytes', {}, t => {
    const used = env.memory + 12 * busy(t) + 6 * hourNoise(t);
    return Math.round(16e9 * (1 - used / 100));
  });
  out.push('# TYPE node_memory_MemTotal_bytes gauge');
  series('node_memory_MemTotal_bytes', {}, () => 16e9);
  out.push('# TYPE node_filesystem_avail_bytes gauge');
  series('node_filesystem_avail_bytes', { mountpoint: '/' }, t => {
    const used = 35 + env.nodes * 3 + ((t - start) / (end - start)) * 6;
    return Math.round(100e9 * (1 - used / 100));
  });
  out.push('# TYPE node_filesystem_size_bytes gauge');
  series('node_filesystem_size_bytes', { mountpoint: '/' }, () => 100e9);
  // Counters: integrate the rate minute by minute.
  let idle = 0;
  let rx = 0;
  out.push('# TYPE node_cpu_seconds_total gauge');
  series('node_cpu_seconds_total', { cpu: '0', mode: 'idle' }, t => {
    const cpu = env.cpu + 25 * busy(t) + 8 * hourNoise(t);
    idle += (1 - cpu / 100) * step;
    return idle.toFixed(3);
  });
  out.push('# TYPE node_network_receive_bytes_total gauge');
  series('node_network_receive_bytes_total', { device: 'eth0' }, t => {
    rx += env.trafficKbps * (0.4 + busy(t)) * 1024 * step * 0.6;
    return Math.round(rx);
  });
  let tx = 0;
  out.push('# TYPE node_network_transmit_bytes_total gauge');
  series('node_network_transmit_bytes_total', { device: 'eth0' }, t => {
    tx += env.trafficKbps * (0.4 + busy(t)) * 1024 * step * 0.4;
    return Math.round(tx);
  });
  // Services: shop-backend (`up`) has an outage now and then; shop-web is
  // checked by a blackbox probe (`probe_success`).
  const outage = t => {
    const h = Math.floor(t / 3600);
    const odds =
      env.name === 'prod' ? 0.004 : env.name === 'staging' ? 0.02 : 0.05;
    return noise(`${env.name}-down-${h}`) < odds && t % 3600 < 1500;
  };
  out.push('# TYPE up gauge');
  series('up', { job: 'shop-backend', instance: 'pod-1' }, t =>
    outage(t) ? 0 : 1,
  );
  out.push('# TYPE probe_success gauge');
  series(
    'probe_success',
    { job: 'shop-web', instance: 'https://shop.example.com' },
    t =>
      noise(`${env.name}-probe-${Math.floor(t / 60)}`) <
      (env.name === 'prod' ? 0.0008 : 0.01)
        ? 0
        : 1,
  );
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}

async function ready(url, child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null)
      throw new Error(`prometheus exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // starting
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready`);
}

async function main() {
  for (const bin of [PROMETHEUS, PROMTOOL]) {
    if (!fs.existsSync(bin)) {
      console.error(
        `[prometheus] ${bin} is missing: install Debian's prometheus package`,
      );
      process.exit(3);
    }
  }
  const end = Math.floor(Date.now() / 1000 / 60) * 60 + 30;
  const start = end - days * 86400;
  const children = [];
  const stopAll = () => {
    for (const c of children) c.kill('SIGTERM');
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopAll();
      process.exit(0);
    });
  }
  for (const [i, env] of ENVIRONMENTS.entries()) {
    const envDir = path.join(dir, env.name);
    fs.rmSync(envDir, { recursive: true, force: true });
    fs.mkdirSync(envDir, { recursive: true });
    const file = path.join(envDir, 'example.om');
    fs.writeFileSync(file, generate(env, start, end));
    execFileSync(PROMTOOL, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '-q',
      file,
      path.join(envDir, 'data'),
    ]);
    fs.rmSync(file);
    fs.writeFileSync(
      path.join(envDir, 'prometheus.yml'),
      'global:\n  scrape_interval: 1h\nscrape_configs: []\n',
    );
    const port = basePort + i;
    const child = spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(envDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(envDir, 'data')}`,
        '--storage.tsdb.retention.time=400d',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    children.push(child);
    child.on('exit', code => {
      console.error(`[prometheus] ${env.name} exited (${code})`);
      stopAll();
      process.exit(1);
    });
    await ready(`http://127.0.0.1:${port}`, child);
    console.log(
      `[prometheus] ${env.name} on http://localhost:${port} (${days} days of example data)`,
    );
  }
}

main().catch(e => {
  console.error(`[prometheus] ${e.message}`);
  process.exit(1);
});
