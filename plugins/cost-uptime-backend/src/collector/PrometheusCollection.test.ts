import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readCostUptimeOptions } from '../config';
import { ReportService } from '../service/ReportService';
import {
  openMetrics,
  startPrometheus,
  type RunningPrometheus,
  type SeriesSpec,
} from '../__testUtils__/prometheus';
import { CLUSTER_QUERIES } from './ClusterSource';
import { Collector } from './Collector';
import { eachTestStore } from '../__testUtils__/stores';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

const NOW = new Date('2026-11-20T12:30:00Z');
const t = (iso: string) => Date.parse(iso) / 1000;
const OUTAGE = [t('2026-11-19T03:00:00Z'), t('2026-11-19T05:00:00Z')];
const FLAKY = [t('2026-11-19T10:00:00Z'), t('2026-11-19T11:00:00Z')];

/**
 * Known data: 3 Ready nodes, 50 GB of volumes, memory 75 % and disk 70 % used,
 * CPU idle 0.6 s/s (40 % busy), 150 KiB/s of traffic; shop-backend down from
 * 03:00 to 05:00 on 2026-11-19; shop-web's probe failing every other minute
 * from 10:00 to 11:00. Samples every minute at :30, off the hour boundaries.
 */
function knownSeries(): SeriesSpec[] {
  const constant = (
    name: string,
    labels: Record<string, string>,
    value: number,
  ): SeriesSpec => ({ name, labels, value: () => value });
  /** A counter going up by `perSecond` each second. */
  const counter = (
    name: string,
    labels: Record<string, string>,
    perSecond: number,
  ): SeriesSpec => ({
    name,
    labels,
    value: s => (s - OUTAGE[0] + 10 ** 6) * perSecond,
  });
  const nodes = ['ip-10-0-1-11', 'ip-10-0-2-12', 'ip-10-0-3-13'];
  return [
    ...nodes.map(node =>
      constant(
        'kube_node_status_condition',
        { condition: 'Ready', node, status: 'true' },
        1,
      ),
    ),
    constant(
      'kubelet_volume_stats_capacity_bytes',
      { persistentvolumeclaim: 'prometheus-data' },
      30e9,
    ),
    constant(
      'kubelet_volume_stats_capacity_bytes',
      { persistentvolumeclaim: 'grafana' },
      20e9,
    ),
    constant('node_memory_MemAvailable_bytes', { instance: 'a' }, 4e9),
    constant('node_memory_MemTotal_bytes', { instance: 'a' }, 16e9),
    constant(
      'node_filesystem_avail_bytes',
      { instance: 'a', mountpoint: '/' },
      30e9,
    ),
    constant(
      'node_filesystem_size_bytes',
      { instance: 'a', mountpoint: '/' },
      100e9,
    ),
    counter('node_cpu_seconds_total', { cpu: '0', mode: 'idle' }, 0.6),
    counter('node_network_receive_bytes_total', { device: 'eth0' }, 100 * 1024),
    counter('node_network_transmit_bytes_total', { device: 'eth0' }, 50 * 1024),
    {
      name: 'up',
      labels: { job: 'shop-backend', instance: 'pod-1' },
      value: s => (s > OUTAGE[0] && s < OUTAGE[1] ? 0 : 1),
    },
    {
      name: 'probe_success',
      labels: { job: 'shop-web', instance: 'https://shop.example.com' },
      value: s =>
        s > FLAKY[0] && s < FLAKY[1] ? Math.floor((s - 30) / 60) % 2 : 1,
    },
  ];
}

describe('Prometheus collection on known data', () => {
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus(
      openMetrics(
        knownSeries(),
        t('2026-11-18T09:00:30Z'),
        t('2026-11-20T12:30:00Z'),
        60,
      ),
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const db = eachTestStore(databases, databaseId);

    function setup(servers: { environment: string; url: string }[]) {
      const options = readCostUptimeOptions(
        new ConfigReader({
          costUptime: {
            prometheus: { servers, backfillDays: 2 },
            defaultSlo: 99,
          },
        }),
      );
      const collector = new Collector({
        options,
        store: db.store,
        logger: mockServices.logger.mock(),
        sliTargets: async () => [
          { key: 'shop-backend', job: 'shop-backend', kind: 'up' },
          { key: 'shop-web', job: 'shop-web', kind: 'probe' },
        ],
        now: () => NOW,
      });
      const report = new ReportService(
        db.store,
        options,
        { list: async () => [] },
        () => NOW,
      );
      return { collector, report };
    }

    it('stores hourly usage and availability with exact values', async () => {
      const { collector, report } = setup([
        { environment: 'dev-a', url: prometheus.url },
      ]);
      const run = await collector.run('schedule');
      expect(run.error).toBeNull();
      expect(run.status).toBe('succeeded');
      // 6 usage queries + 2 SLI queries + the cluster's state for the allocation.
      expect(run.prometheusRequests).toBe(
        8 + Object.keys(CLUSTER_QUERIES).length,
      );

      const usage = await report.usage({
        granularity: 'hour',
        from: '2026-11-18T00',
        to: '2026-11-20T23',
      });
      const hours = [...new Set(usage.points.map(p => p.ts))];
      // Hours 2026-11-18T12 .. 2026-11-20T12: the 2-day backfill window.
      expect(hours).toHaveLength(49);
      expect(hours[0]).toBe('2026-11-18T12');
      expect(hours[48]).toBe('2026-11-20T12');
      const at = (metric: string) =>
        usage.points.filter(
          p => p.metric === metric && p.ts === '2026-11-19T08',
        )[0]?.value;
      expect(at('nodes')).toBe(3);
      expect(at('pv_gb')).toBe(50);
      expect(at('memory_percent')).toBe(75);
      expect(at('disk_percent')).toBe(70);
      expect(at('cpu_percent')).toBe(40);
      expect(at('network_kbps')).toBe(150);

      const uptime = await report.uptime({ days: 30 });
      const backend = uptime.rows.find(r => r.key === 'shop-backend')!;
      expect(backend.environment).toBe('dev-a');
      expect(backend.hours).toBe(49);
      // Down for the samples feeding the 04:00 and 05:00 hours.
      expect(backend.availability).toBeCloseTo(47 / 49, 12);
      expect(backend.sloTarget).toBe(0.99);
      expect(backend.errorBudgetRemaining).toBeCloseTo(1 - 2 / 49 / 0.01, 9);
      expect(
        backend.daily.find(d => d.day === '2026-11-19')!.availability,
      ).toBeCloseTo(22 / 24, 12);
      const web = uptime.rows.find(r => r.key === 'shop-web')!;
      // Half the probes failed in the 11:00 hour.
      expect(web.availability).toBeCloseTo(48.5 / 49, 12);
      // One environment's SLOs (its page): the same rows, and none elsewhere.
      const devA = await report.uptime({ days: 30, environment: 'dev-a' });
      expect(devA.rows.map(r => r.key).sort()).toEqual(
        uptime.rows
          .filter(r => r.environment === 'dev-a')
          .map(r => r.key)
          .sort(),
      );
      expect(devA.rows.length).toBeGreaterThanOrEqual(2);
      expect(devA.rows.find(r => r.key === 'shop-backend')).toEqual(backend);
      expect(
        (await report.uptime({ days: 30, environment: 'prod' })).rows,
      ).toEqual([]);

      // The near-real-time estimate: nodes x price + EKS + EBS, per hour.
      const hourly = 3 * 0.0832 + 0.1 + (0.08 / 730) * (3 * 20 + 50);
      const estimates = await db.store.estimates('2026-11-20T00');
      expect(estimates).toHaveLength(13);
      for (const e of estimates) expect(e.amount).toBeCloseTo(hourly, 12);
      const summary = await report.summary();
      expect(summary.todayEstimate).toEqual({
        amount: Math.round(13 * hourly * 100) / 100,
        hours: 13,
      });
      expect(summary.monthToDate.estimated).toBe(true);
    });

    it('keeps what it could read when one Prometheus is down, and says so', async () => {
      const { collector } = setup([
        { environment: 'dev-a', url: prometheus.url },
        { environment: 'staging', url: 'http://127.0.0.1:9' },
      ]);
      const run = await collector.run('schedule');
      expect(run.status).toBe('partial');
      expect(run.error).toMatch(/Prometheus staging/);
      // Structured, so the page needs no text search: one warning per failure.
      expect(run.warnings).toContainEqual({
        code: 'prometheus-failed',
        source: 'prometheus',
        environment: 'staging',
        message: expect.stringMatching(/^Prometheus staging: /),
      });
      expect(run.warnings.every(w => w.environment === 'staging')).toBe(true);
      expect((await db.store.listRuns(1))[0].warnings).toEqual(run.warnings);
      const usage = await db.store.usage({
        granularity: 'day',
        from: '2026-11-19',
        to: '2026-11-19',
      });
      expect(usage.filter(u => u.metric === 'nodes')).toEqual([
        { ts: '2026-11-19', environment: 'dev-a', metric: 'nodes', value: 3 },
      ]);
    });
  });
});
