import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { AlertEvent, AlertsService } from '@internal/plugin-alerts-node';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { readCostUptimeOptions } from '../config';
import { Collector } from '../collector/Collector';
import type { CollectionBatch, CostRow } from '../database/CostStore';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import type { CostEntity } from '../service/EntityDirectory';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import type { AlertDetector } from './AlertDetector';
import { CostAlertDetector } from './CostAlertDetector';
import { daysFrom, testStore } from '../__testUtils__/stores';
import { RecordingAlerts, devA } from '../__testUtils__/alerts';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

// A Friday: the last complete billed day is Thursday 2026-11-19, 11 days
// are left in November, the last complete ISO week is 2026-W46 (9th-15th).
const NOW = new Date('2026-11-20T12:30:00Z');

const shopBackend: CostEntity = {
  entityRef: 'component:default/shop-backend',
  title: 'Shop backend',
  tagKey: 'service',
  tagValue: 'shop-backend',
  sli: 'up',
  slo: 99.5,
};

describe.each(databases.eachSupportedId())(
  'CostAlertDetector on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseCostStore;
    let alerts: RecordingAlerts;

    beforeEach(async () => {
      ({ knex, store } = await testStore(databases, databaseId));
      alerts = new RecordingAlerts();
    });

    afterEach(async () => {
      await knex.destroy();
    });

    /** Stores daily cost per environment ('' untagged), split over two AWS services. */
    async function writeCosts(amounts: Record<string, Record<string, number>>) {
      const list = Object.keys(amounts).sort();
      const rows: CostRow[] = [];
      for (const [day, byEnv] of Object.entries(amounts)) {
        for (const [tagValue, amount] of Object.entries(byEnv)) {
          // Two rows a day, so the detector reads sums, not single rows.
          const ec2 = Math.round(amount * 0.7 * 100) / 100;
          for (const [service, part] of [
            ['Amazon Elastic Compute Cloud - Compute', ec2],
            ['Amazon Elastic Kubernetes Service', amount - ec2],
          ] as const) {
            rows.push({
              tagKey: 'environment',
              day,
              tagValue,
              awsService: service,
              amount: part,
              estimated: true,
            });
          }
        }
      }
      const batch: CollectionBatch = {
        costs: [
          {
            tagKey: 'environment',
            from: list[0],
            to: DateTime.fromISO(list[list.length - 1])
              .plus({ days: 1 })
              .toISODate()!,
            rows,
          },
        ],
        usage: [],
        sli: [],
        estimates: [],
      };
      await store.write(batch);
    }

    /** The same amount every day of a range. */
    function every(from: string, to: string, byEnv: Record<string, number>) {
      return Object.fromEntries(daysFrom(from, to).map(d => [d, { ...byEnv }]));
    }

    function detector(
      alertConfig: JsonObject = {},
      entities: CostEntity[] = [devA, shopBackend],
      now: () => Date = () => NOW,
      extra: JsonObject = {},
    ) {
      const options = readCostUptimeOptions(
        new ConfigReader({ costUptime: { alerts: alertConfig, ...extra } }),
      );
      return new CostAlertDetector({
        store,
        options: { ...options, alerts: options.alerts! },
        alerts,
        entities: { list: async () => entities },
        logger: mockServices.logger.mock(),
        now,
      });
    }

    const ofType = <T extends AlertEvent['type']>(type: T) =>
      alerts.events.filter(e => e.type === type) as Extract<
        AlertEvent,
        { type: T }
      >[];

    describe('over budget', () => {
      it('alerts when the month so far reaches the budget, not a cent below', async () => {
        // 18 days of 25 and 50 on the 19th: 500.00 so far.
        await writeCosts({
          ...every('2026-11-01', '2026-11-18', { 'dev-a': 25, staging: 25 }),
          '2026-11-19': { 'dev-a': 50, staging: 49.99 },
        });
        await detector({
          budgets: { 'dev-a': 500, staging: 500 },
          forecastOverBudget: false,
        }).detect();

        expect(ofType('cost.over-budget')).toEqual([
          {
            type: 'cost.over-budget',
            id: 'cost-uptime:cost.over-budget:dev-a:2026-11',
            environment: 'dev-a',
            month: '2026-11',
            amount: 500,
            budget: 500,
            currency: 'USD',
            entityRef: 'resource:default/dev-a',
            link: '/catalog/default/resource/dev-a/cost-uptime',
          },
        ]);
      });

      it('alerts on the forecast (so far + 7-day run rate x days left) at the budget, not below', async () => {
        // Only the last 7 days cost anything: 140 so far, 20 a day, 11 days left: 360.
        await writeCosts({
          ...every('2026-11-13', '2026-11-19', { 'dev-a': 20, staging: 20 }),
        });
        await detector({ budgets: { 'dev-a': 360, staging: 360.01 } }).detect();

        expect(ofType('cost.over-budget')).toEqual([
          expect.objectContaining({
            id: 'cost-uptime:cost.over-budget:dev-a:2026-11:forecast',
            environment: 'dev-a',
            amount: 360,
            budget: 360,
            forecast: true,
          }),
        ]);
      });

      it('takes the entity annotation over config, higher or lower', async () => {
        await writeCosts(
          every('2026-11-01', '2026-11-19', { 'dev-a': 10, staging: 10 }),
        );
        const staging: CostEntity = {
          ...devA,
          entityRef: 'resource:default/staging',
          tagValue: 'staging',
          budget: 300,
        };
        await detector(
          {
            budgets: { 'dev-a': 100, staging: 100 },
            forecastOverBudget: false,
          },
          [{ ...devA, budget: 190 }, staging],
        ).detect();

        // dev-a: 190 so far reaches its annotated 190; staging's annotated
        // 300 is not reached although config's 100 would be.
        expect(
          ofType('cost.over-budget').map(e => [e.environment, e.budget]),
        ).toEqual([['dev-a', 190]]);
      });

      it('converts to the portal currency for budgets in that currency', async () => {
        await writeCosts(every('2026-11-01', '2026-11-19', { 'dev-a': 10 }));
        await detector(
          { budgets: { 'dev-a': 190 * 1380 }, forecastOverBudget: false },
          [devA],
          () => NOW,
          { currency: 'KRW', exchangeRates: { KRW: 1380 } },
        ).detect();
        expect(ofType('cost.over-budget')).toEqual([
          expect.objectContaining({ amount: 262200, currency: 'KRW' }),
        ]);
      });

      it('raises the same id on every run of the month, so it is sent once', async () => {
        await writeCosts(every('2026-11-01', '2026-11-19', { 'dev-a': 30 }));
        const budget = { budgets: { 'dev-a': 500 } };
        const first = await detector(budget).detect();
        await writeCosts({ '2026-11-20': { 'dev-a': 30 } });
        const second = await detector(
          budget,
          [devA, shopBackend],
          () => new Date('2026-11-21T06:00:00Z'),
        ).detect();

        const ids = (r: typeof first) =>
          r.raised
            .filter(x => x.event.type === 'cost.over-budget')
            .map(x => x.result);
        expect(ids(first)).toEqual([
          { id: 'cost-uptime:cost.over-budget:dev-a:2026-11', status: 'sent' },
        ]);
        expect(ids(second)).toEqual([
          {
            id: 'cost-uptime:cost.over-budget:dev-a:2026-11',
            status: 'duplicate',
          },
        ]);
      });

      it('does nothing without a budget', async () => {
        await writeCosts(every('2026-11-01', '2026-11-19', { 'dev-a': 1000 }));
        await detector({}).detect();
        expect(ofType('cost.over-budget')).toEqual([]);
      });
    });

    describe('growth', () => {
      it('alerts day over day at the threshold, not below', async () => {
        await writeCosts({
          '2026-11-18': { 'dev-a': 100, staging: 100, prod: 100 },
          '2026-11-19': { 'dev-a': 150, staging: 149.99, prod: 400 },
        });
        await detector({
          growthThresholdPercent: { day: 50, week: 30 },
        }).detect();

        const growth = ofType('cost.growth');
        expect(growth.map(e => e.environment).sort()).toEqual([
          'dev-a',
          'prod',
        ]);
        expect(growth.find(e => e.environment === 'dev-a')).toEqual({
          type: 'cost.growth',
          id: 'cost-uptime:cost.growth:dev-a:day:2026-11-19',
          environment: 'dev-a',
          period: 'day',
          periodLabel: '2026-11-19',
          previous: 100,
          current: 150,
          thresholdPercent: 50,
          currency: 'USD',
          entityRef: 'resource:default/dev-a',
          link: '/catalog/default/resource/dev-a/cost-uptime',
        });
        // prod has no entity: no owner, the fallback recipients hear it.
        const prod = growth.find(e => e.environment === 'prod')!;
        expect(prod.entityRef).toBeUndefined();
        expect(prod.link).toBe('/cost-uptime');
      });

      it('ignores tiny amounts, untagged cost and a day after no cost', async () => {
        await writeCosts({
          '2026-11-18': { 'dev-a': 0.01, staging: 4, '': 10 },
          '2026-11-19': { 'dev-a': 0.03, staging: 9.99, '': 100, prod: 500 },
        });
        await detector({ growthMinimumAmount: 10 }).detect();
        expect(ofType('cost.growth')).toEqual([]);
      });

      it('a minimum of 0 lets small amounts through', async () => {
        await writeCosts({
          '2026-11-18': { 'dev-a': 4 },
          '2026-11-19': { 'dev-a': 9.99 },
        });
        await detector({ growthMinimumAmount: 0 }).detect();
        expect(ofType('cost.growth').map(e => e.environment)).toEqual([
          'dev-a',
        ]);
      });

      it('alerts week over week on complete ISO weeks at the threshold, not below', async () => {
        await writeCosts({
          // 2026-W45: 70 each.
          ...every('2026-11-02', '2026-11-08', { 'dev-a': 10, staging: 10 }),
          // 2026-W46: dev-a 91 (+30 %), staging 90.99.
          ...every('2026-11-09', '2026-11-15', { 'dev-a': 13, staging: 13 }),
          '2026-11-15': { 'dev-a': 13, staging: 12.99 },
          // The current week, incomplete: doubles, but is not compared yet.
          ...every('2026-11-16', '2026-11-19', { 'dev-a': 13, staging: 13 }),
        });
        await detector({
          growthThresholdPercent: { day: 50, week: 30 },
        }).detect();

        expect(ofType('cost.growth')).toEqual([
          expect.objectContaining({
            id: 'cost-uptime:cost.growth:dev-a:week:2026-W46',
            period: 'week',
            periodLabel: '2026-W46',
            previous: 70,
            current: 91,
            thresholdPercent: 30,
          }),
        ]);
      });

      it('does not compare a week that is only partly stored', async () => {
        await writeCosts({
          ...every('2026-11-06', '2026-11-08', { 'dev-a': 10 }),
          ...every('2026-11-09', '2026-11-19', { 'dev-a': 30 }),
        });
        await detector().detect();
        expect(ofType('cost.growth')).toEqual([]);
      });

      it('uses only complete days: today is never compared', async () => {
        await writeCosts({
          '2026-11-18': { 'dev-a': 100 },
          '2026-11-19': { 'dev-a': 100 },
          // Billed data for today (it cannot be complete yet).
          '2026-11-20': { 'dev-a': 1000 },
        });
        await detector().detect();
        expect(ofType('cost.growth')).toEqual([]);
      });
    });

    describe('untagged cost', () => {
      it('alerts when its share of the month so far reaches the limit, not below', async () => {
        await writeCosts(
          every('2026-11-01', '2026-11-10', { 'dev-a': 9, '': 1 }),
        );
        await detector({ untaggedMaxShare: 0.1 }).detect();
        expect(ofType('cost.untagged')).toEqual([
          {
            type: 'cost.untagged',
            id: 'cost-uptime:cost.untagged:2026-11',
            periodLabel: '2026-11',
            share: 0.1,
            thresholdShare: 0.1,
            amount: 10,
            currency: 'USD',
            link: '/cost-uptime',
          },
        ]);
        expect(ofType('cost.untagged')[0].entityRef).toBeUndefined();
      });

      it('stays quiet a cent below the share', async () => {
        await writeCosts({
          ...every('2026-11-01', '2026-11-10', { 'dev-a': 9, '': 1 }),
          '2026-11-10': { 'dev-a': 9.01, '': 0.99 },
        });
        await detector({
          untaggedMaxShare: 0.1,
          untaggedMinimumAmount: 0,
        }).detect();
        expect(ofType('cost.untagged')).toEqual([]);
      });

      it('stays quiet under the minimum amount, whatever the share', async () => {
        await writeCosts({ '2026-11-19': { 'dev-a': 5, '': 5 } });
        await detector({
          untaggedMaxShare: 0.1,
          untaggedMinimumAmount: 10,
        }).detect();
        expect(ofType('cost.untagged')).toEqual([]);
      });
    });

    describe('availability below SLO', () => {
      /** One value per hour of 2026-11-19 for shop-backend in an environment. */
      async function writeSli(environment: string, values: number[]) {
        await store.write({
          costs: [],
          usage: [],
          estimates: [],
          sli: values.map((value, h) => ({
            sliKey: 'shop-backend',
            environment,
            hour: `2026-11-19T${String(h).padStart(2, '0')}`,
            value,
          })),
        });
      }
      const hours = (n: number, last: number) => [
        ...Array(n - 1).fill(1),
        last,
      ];

      it('alerts per environment below the entity SLO, not exactly at it', async () => {
        // 23 good hours and one at 88 %: exactly 99.5 % over the day.
        await writeSli('prod', hours(24, 0.88));
        await writeSli('staging', hours(24, 0.87));
        await detector().detect();

        expect(ofType('uptime.below-slo')).toEqual([
          {
            type: 'uptime.below-slo',
            id: 'cost-uptime:uptime.below-slo:shop-backend:staging:30d:2026-11-20',
            service: 'shop-backend',
            environment: 'staging',
            availability: expect.closeTo(23.87 / 24, 9),
            slo: 0.995,
            window: '30d',
            entityRef: 'component:default/shop-backend',
            link: '/catalog/default/component/shop-backend/cost-uptime',
          },
        ]);
      });

      it('uses the default SLO without an entity, and waits for enough hours', async () => {
        await writeSli('prod', hours(24, 0.5));
        await detector({ availabilityWindowDays: 7 }, [devA], () => NOW, {
          defaultSlo: 99,
        }).detect();
        expect(ofType('uptime.below-slo')).toEqual([
          expect.objectContaining({
            slo: 0.99,
            window: '7d',
            link: '/cost-uptime',
          }),
        ]);
        expect(ofType('uptime.below-slo')[0].entityRef).toBeUndefined();

        alerts.events.length = 0;
        await detector({ availabilityMinimumHours: 25 }).detect();
        expect(ofType('uptime.below-slo')).toEqual([]);
      });

      it('only looks at the window', async () => {
        await writeSli('prod', hours(24, 0));
        // 2026-11-19 is outside a 1-day window ending on the 20th.
        await detector({
          availabilityWindowDays: 1,
          availabilityMinimumHours: 0,
        }).detect();
        expect(ofType('uptime.below-slo')).toEqual([]);
      });
    });

    it('waits for the catalog: without annotated entities it raises nothing and says why', async () => {
      await writeCosts(every('2026-11-01', '2026-11-19', { 'dev-a': 100 }));
      await expect(
        detector({ budgets: { 'dev-a': 1 } }, []).detect(),
      ).rejects.toThrow(
        /no catalog entity has a cost-uptime.io\/environment or cost-uptime.io\/service annotation \(yet\)/,
      );
      expect(alerts.events).toEqual([]);
    });

    it('raises nothing on an empty database', async () => {
      await detector({ budgets: { 'dev-a': 1 } }).detect();
      expect(alerts.events).toEqual([]);
    });

    describe('in a collection run', () => {
      let ce: Awaited<ReturnType<typeof startCostExplorer>>;
      beforeEach(async () => {
        ce = await startCostExplorer({ now: () => NOW });
      });
      afterEach(async () => {
        await ce.stop();
      });

      function collector(detectorUnderTest: AlertDetector) {
        const options = readCostUptimeOptions(
          new ConfigReader({
            costUptime: {
              costExplorer: ce.config({ backfillDays: 20 }),
            },
          }),
        );
        return new Collector({
          options,
          store,
          detector: detectorUnderTest,
          logger: mockServices.logger.mock(),
          sliTargets: async () => [],
          now: () => NOW,
        });
      }

      it('detects on the data the run just stored', async () => {
        // The example data's dev-a costs about 38 a day: over 100 by the 19th.
        const run = await collector(
          detector({ budgets: { 'dev-a': 100 } }),
        ).run('manual');
        expect(run.status).toBe('succeeded');
        expect(ofType('cost.over-budget')).toEqual([
          expect.objectContaining({
            id: 'cost-uptime:cost.over-budget:dev-a:2026-11',
          }),
        ]);
      });

      it('keeps the run and its data when detection throws, and records why', async () => {
        const run = await collector({
          detect: async () => {
            throw new Error('catalog unavailable');
          },
        }).run('schedule');

        expect(run.status).toBe('partial');
        expect(run.error).toBe(
          'Alert detection failed: Error: catalog unavailable',
        );
        expect(run.rowsWritten).toBeGreaterThan(0);
        expect(await store.latestCostDay('environment')).toBe('2026-11-19');
      });

      it('records alerts the alerts backend could not take', async () => {
        const failing: AlertsService = {
          raise: async e => ({ id: e.id!, status: 'failed' }),
        };
        const options = readCostUptimeOptions(
          new ConfigReader({
            costUptime: { alerts: { budgets: { 'dev-a': 100 } } },
          }),
        );
        const run = await collector(
          new CostAlertDetector({
            store,
            options: { ...options, alerts: options.alerts! },
            alerts: failing,
            entities: { list: async () => [devA] },
            logger: mockServices.logger.mock(),
            now: () => NOW,
          }),
        ).run('schedule');
        expect(run.status).toBe('partial');
        expect(run.error).toMatch(
          /^Alerts: (\d+) of \1 could not be raised \(.*cost-uptime:cost\.over-budget:dev-a:2026-11/,
        );
      });
    });
  },
);

describe('costUptime.alerts config', () => {
  const read = (alerts: JsonValue | undefined) =>
    readCostUptimeOptions(new ConfigReader({ costUptime: { alerts } }));

  it('has documented defaults, and can be switched off', () => {
    expect(read(undefined).alerts).toEqual({
      budgets: {},
      forecastOverBudget: true,
      growthThresholdPercent: { day: 50, week: 30 },
      growthMinimumAmount: 10,
      untaggedMaxShare: 0.1,
      untaggedMinimumAmount: 10,
      availabilityWindowDays: 30,
      availabilityMinimumHours: 24,
    });
    expect(read({ enabled: false }).alerts).toBeUndefined();
  });

  it('refuses bad values, naming the key', () => {
    expect(() => read({ budgets: { 'dev-a': 0 } })).toThrow(
      'costUptime.alerts.budgets.dev-a must be a positive amount',
    );
    expect(() => read({ untaggedMaxShare: 10 })).toThrow(
      /costUptime\.alerts\.untaggedMaxShare is a share of the total/,
    );
    expect(() => read({ growthThresholdPercent: { day: -5 } })).toThrow(
      'costUptime.alerts.growthThresholdPercent.day must be a positive percentage',
    );
    expect(() => read({ availabilityWindowDays: 0.5 })).toThrow(
      /costUptime\.alerts\.availabilityWindowDays/,
    );
    expect(() => read({ growthMinimumAmount: -1 })).toThrow(
      /costUptime\.alerts\.growthMinimumAmount must be a number >= 0/,
    );
  });
});
