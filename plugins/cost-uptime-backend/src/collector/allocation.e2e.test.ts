/*
 * The allocation end to end on the example data: the Cost Explorer
 * stand-in's example account, and a real Prometheus per example cluster on
 * the series the start command's example servers publish (the same
 * generator, packages/sandbox/src/eks). Every billed day of every
 * environment must split into services + shared + idle to the cent.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { toCents } from '@internal/plugin-cost-uptime-common';
import { billerOf, exampleAccount } from '@internal/sandbox/cost-explorer';
import { clusterMetricLines } from '@internal/sandbox/eks';
import type { Knex } from 'knex';
import { readCostUptimeOptions } from '../config';
import { DatabaseAllocationStore } from '../database/AllocationStore';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { AllocationReportService } from '../service/AllocationReportService';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import {
  startPrometheus,
  type RunningPrometheus,
} from '../__testUtils__/prometheus';
import { CLUSTER_LINES } from './allocateEnvironment';
import { testStore } from '../__testUtils__/stores';
import { testCollector } from '../__testUtils__/collector';

jest.setTimeout(300_000);

const ENVIRONMENTS = ['dev-a', 'staging', 'prod'];
const NOW = new Date('2026-11-20T12:30:00Z');
const NEXT_DAY = new Date('2026-11-21T12:30:00Z');
const DATA_START = Date.parse('2026-11-16T00:00:00Z') / 1000;
const DATA_END = Date.parse('2026-11-21T13:00:00Z') / 1000;
const ACCOUNT = billerOf(exampleAccount());

/** The environment's cluster cost on a day as the stand-in bills it, cents. */
function billedClusterCents(environment: string, day: string, today: string) {
  const estimated = Date.parse(day) >= Date.parse(today) - 2 * 86_400_000;
  return Object.values(CLUSTER_LINES).reduce(
    (a, service) =>
      a +
      toCents(
        ACCOUNT.amount(day, { environment }, service) * (estimated ? 0.96 : 1),
      ),
    0,
  );
}

/** Cents of prod's EC2 split lines on a day: by workload, '' = no workload. */
function splitEc2Cents(day: string) {
  const out: Record<string, number> = {};
  for (const l of exampleAccount({ splitCostAllocation: true }).lines(day)) {
    if (l.tags.environment !== 'prod' || l.awsService !== CLUSTER_LINES.compute)
      continue;
    const key = l.tags['aws:eks:workload-name'] ?? '';
    // The stand-in reports its last two days Estimated, 4 % low.
    const factor = day >= '2026-11-18' ? 0.96 : 1;
    out[key] = (out[key] ?? 0) + Math.round(l.amount * factor * 100);
  }
  return out;
}

function sum(d: { services: { allocatedCents: number }[] }) {
  return d.services.reduce((a, s) => a + s.allocatedCents, 0);
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

describe('allocation of the example clusters', () => {
  const proms: RunningPrometheus[] = [];
  let ce: Awaited<ReturnType<typeof startCostExplorer>>;
  let now = NOW;

  beforeAll(async () => {
    ce = await startCostExplorer({ now: () => now });
    for (const env of ENVIRONMENTS) {
      const lines = clusterMetricLines(env, DATA_START, DATA_END, 900);
      proms.push(await startPrometheus(`${lines.join('\n')}\n# EOF\n`));
    }
  });

  afterAll(async () => {
    await ce?.stop();
    for (const p of proms) await p.stop();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseCostStore;

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
      now = NOW;
    });

    afterEach(async () => {
      await knex.destroy();
    });

    const config = () => ({
      costExplorer: ce.config({
        tagKeys: ['environment', 'service'],
        serviceByEnvironment: true,
        backfillDays: 5,
      }),
      prometheus: {
        backfillDays: 4,
        servers: ENVIRONMENTS.map((environment, i) => ({
          environment,
          url: proms[i].url,
        })),
      },
    });
    const collector = () => testCollector(config(), { store, now: () => now });
    const report = () =>
      new AllocationReportService(
        new DatabaseAllocationStore(knex),
        store,
        readCostUptimeOptions(new ConfigReader({ costUptime: config() })),
      );

    it('adds up to the billed cluster cost to the cent on every billed day', async () => {
      const run = await collector().run('schedule');
      expect(run.error).toBeNull();
      const allocations = new DatabaseAllocationStore(knex);
      for (const environment of ENVIRONMENTS) {
        const days = await allocations.days({
          environment,
          from: '2026-11-01',
          to: '2026-11-30',
        });
        // Prometheus' 4 days: 16th (from noon) to the 20th, today.
        expect(days.map(d => d.day)).toEqual([
          '2026-11-16',
          '2026-11-17',
          '2026-11-18',
          '2026-11-19',
          '2026-11-20',
        ]);
        // Every day: the parts add up to what it was priced at.
        expect(days.map(d => d.sharedCents + d.idleCents + sum(d))).toEqual(
          days.map(d => d.billedCents),
        );
        // Billed days: priced at the stand-in's cluster lines, to the cent.
        const billed = days.slice(0, -1);
        expect(
          billed.map(d => [d.day, d.source, d.estimated, d.billedCents]),
        ).toEqual(
          billed.map(d => [
            d.day,
            'metrics',
            d.day >= '2026-11-18',
            billedClusterCents(environment, d.day, '2026-11-20'),
          ]),
        );
        for (const d of days) {
          expect(d.services.map(s => s.service)).toEqual([
            'shop-api',
            'shop-backend',
            'shop-web',
          ]);
          expect(d.sharedCents).toBeGreaterThan(0);
          expect(d.idleCents).toBeGreaterThan(0);
        }
        // Today is not billed yet: the hourly estimate, marked.
        const today = days[days.length - 1];
        expect(today).toMatchObject({ source: 'estimate', estimated: true });
      }
    });

    it('answers the API from stored rows: direct cost beside the allocated share', async () => {
      await collector().run('schedule');
      const r = await report().allocation({
        environment: 'dev-a',
        from: '2026-11-17',
        to: '2026-11-19',
      });
      const billed = ['2026-11-17', '2026-11-18', '2026-11-19'].reduce(
        (a, day) => a + billedClusterCents('dev-a', day, '2026-11-20'),
        0,
      );
      expect(Math.round(r.billed * 100)).toBe(billed);
      const parts =
        Math.round(r.shared * 100) +
        Math.round(r.idle * 100) +
        r.services.reduce((a, s) => a + Math.round(s.allocated * 100), 0);
      expect(parts).toBe(billed);
      const backend = r.services.find(s => s.service === 'shop-backend')!;
      // The shop's RDS database is tagged service=shop-backend.
      expect(backend.direct).toBeGreaterThan(6);
      expect(backend.allocated).toBeGreaterThan(0);
      expect(backend.efficiency.cpu).toBeGreaterThan(0.2);
      expect(backend.efficiency.cpu).toBeLessThan(1);
      // shop-api uses more CPU than it requests at peak: nothing to cut.
      const api = r.services.find(s => s.service === 'shop-api')!;
      expect(api.direct).toBe(0);
      expect(backend.rightsizingSavingPerMonth).toBeGreaterThan(0);
      // dev-a's CloudWatch logs carry the environment tag only.
      expect(r.untagged).toBeGreaterThan(1.5);
      expect(r.source).toBe('metrics');
      expect(r.estimatedDays).toEqual(['2026-11-18', '2026-11-19']);
    });

    it('replaces an estimated day once it is billed, and a rerun changes nothing', async () => {
      await collector().run('schedule');
      await collector().run('manual');
      const count = async () =>
        (await knex('cost_allocation_services').count({ n: '*' }))[0].n;
      const before = Number(await count());
      now = NEXT_DAY;
      await collector().run('schedule');
      const days = await new DatabaseAllocationStore(knex).days({
        environment: 'prod',
        from: '2026-11-20',
        to: '2026-11-21',
      });
      expect(days.map(d => [d.day, d.source])).toEqual([
        ['2026-11-20', 'metrics'],
        ['2026-11-21', 'estimate'],
      ]);
      expect(days[0].billedCents).toBe(
        billedClusterCents('prod', '2026-11-20', '2026-11-21'),
      );
      // One more day of three services in three environments.
      expect(Number(await count())).toBe(before + 9);
    });
  });

  it("takes workloads' EC2 cost from AWS split cost allocation data when the account has it", async () => {
    const split = await startCostExplorer({
      now: () => NOW,
      model: exampleAccount({ splitCostAllocation: true }),
    });
    const { knex, store } = await testStore(databases, 'SQLITE_3');
    try {
      const run = await testCollector(
        {
          costExplorer: split.config({ backfillDays: 5, eksSplitCost: true }),
          prometheus: {
            backfillDays: 4,
            servers: [{ environment: 'prod', url: proms[2].url }],
          },
        },
        { store, now: () => NOW },
      ).run('schedule');
      expect(run.error).toBeNull();
      const days = await new DatabaseAllocationStore(knex).days({
        environment: 'prod',
        from: '2026-11-16',
        to: '2026-11-19',
      });
      expect(days.map(d => d.source)).toEqual(Array(4).fill('aws-split-cost'));
      expect(days.map(d => d.sharedCents + d.idleCents + sum(d))).toEqual(
        days.map(d => d.billedCents),
      );
      // The same cluster bill, split by AWS instead of by the metrics.
      expect(days.map(d => d.billedCents)).toEqual(
        days.map(d => billedClusterCents('prod', d.day, '2026-11-20')),
      );
      // EC2 no pod was billed for is idle; each service gets at least the
      // EC2 AWS billed to its workload (EBS and ALBs come on top).
      for (const d of days) {
        const ec2 = splitEc2Cents(d.day);
        expect(d.idleCents).toBeGreaterThanOrEqual(ec2[''] - 1);
        expect(
          d.services.map(s => s.allocatedCents >= (ec2[s.service] ?? 0) - 1),
        ).toEqual(d.services.map(() => true));
        expect(ec2['shop-backend']).toBeGreaterThan(0);
      }
    } finally {
      await knex.destroy();
      await split.stop();
    }
  });
});
