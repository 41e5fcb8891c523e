import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { addDays, billingPeriods } from '@internal/plugin-cost-uptime-common';
import { clockServiceFactory, fixedClock } from './clock';
import { costUptimePlugin } from './plugin';
import { exampleAccount } from '@internal/sandbox/cost-explorer';
import type { JsonObject } from '@backstage/types';
import {
  acceptingAlerts,
  RARELY,
  runOnRequest,
  waitFor,
} from './__testUtils__/backend';
import { startCostExplorer } from './__testUtils__/costExplorer';

jest.setTimeout(120_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'env-prod',
      title: 'Production',
      annotations: { 'cost-uptime.io/environment': 'prod' },
    },
    spec: { type: 'environment', owner: 'platform-admins' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-backend',
      title: 'Shop backend',
      annotations: {
        'cost-uptime.io/service': 'shop-backend',
        'cost-uptime.io/slo': '99.9',
      },
    },
    spec: { type: 'service', owner: 'developers', lifecycle: 'production' },
  },
];

/**
 * The plugin with the entities above, reading `data` as its config and
 * `clock` as its time. Alerts are accepted without an alerts backend:
 * whether the example data calls for a growth alert depends on the weekday.
 */
const pluginFeatures = (
  clock: Parameters<typeof clockServiceFactory>[0],
  data: JsonObject,
) => [
  costUptimePlugin,
  catalogServiceMock.factory({ entities }),
  acceptingAlerts,
  clockServiceFactory(clock),
  mockServices.rootConfig.factory({ data }),
];

/**
 * The days the collection tests run on: the 1st (this month has no billed
 * day yet), the 2nd, mid-month, New Year's Day and a leap day. The plugin
 * and the Cost Explorer stand-in read the same clock.
 */
const DAYS = [
  '2026-12-01T10:00:00Z',
  '2026-12-02T10:00:00Z',
  '2026-12-15T10:00:00Z',
  '2027-01-01T10:00:00Z',
  '2028-02-29T10:00:00Z',
];

describe('cost-uptime backend plugin', () => {
  let ce: Awaited<ReturnType<typeof startCostExplorer>>;
  const clock = fixedClock(DAYS[2]);

  beforeEach(async () => {
    ce = await startCostExplorer({ now: clock.now });
  });
  afterEach(async () => {
    await ce.stop();
  });

  const config = () => ({
    costUptime: {
      schedule: RARELY,
      costExplorer: ce.config({ backfillDays: 40 }),
    },
  });

  it('refuses requests without a token and bad queries, and guards runs with the permission', async () => {
    const { server } = await startTestBackend({
      features: [
        ...pluginFeatures(clock, config()),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        // Requests without a token get no credentials (the default mock signs them in).
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const api = request(server);

    expect((await api.get('/api/cost-uptime/summary')).status).toBe(401);
    expect((await api.get('/api/cost-uptime/runs')).status).toBe(401);

    const auth = mockCredentials.user.header();
    const ok = await api
      .get('/api/cost-uptime/summary')
      .set('authorization', auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      currency: 'USD',
      monthToDate: { amount: 0 },
    });

    const bad = await api
      .get('/api/cost-uptime/series?granularity=week&from=yesterday')
      .set('authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    expect(bad.body.error.message).toMatch(/granularity/);
    expect(bad.body.error.message).toMatch(/from/);

    const noKeys = await api
      .get('/api/cost-uptime/series?top=0')
      .set('authorization', auth);
    expect(noKeys.status).toBe(400);
    expect(noKeys.body.error.message).toMatch(/top/);

    const half = await api
      .get('/api/cost-uptime/summary?tagKey=environment')
      .set('authorization', auth);
    expect(half.status).toBe(400);

    const denied = await api
      .post('/api/cost-uptime/runs')
      .set('authorization', auth);
    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect(ce.state.requests).toBe(0);
  });

  it.each(DAYS)(
    'runs a collection on request and serves summary, series, CSV and runs on %s',
    async day => {
      const at = fixedClock(day);
      await ce.stop();
      ce = await startCostExplorer({ now: at.now });
      const { server } = await startTestBackend({
        features: [
          ...pluginFeatures(at, config()),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      const api = request(server);
      const auth = mockCredentials.user.header();

      const run = await runOnRequest(server, auth);
      expect(run).toMatchObject({
        status: 'succeeded',
        trigger: 'manual',
        costExplorerRequests: ce.state.requests,
        costExplorerCostUsd: ce.state.requests / 100,
      });

      const summary = await api
        .get('/api/cost-uptime/summary')
        .set('authorization', auth);
      expect(summary.status).toBe(200);
      const periods = billingPeriods(at.now(), addDays(day.slice(0, 10), -1));
      expect(summary.body.asOf).toBe(day.slice(0, 10));
      expect(summary.body.periods).toEqual(periods);
      expect(summary.body.lastMonth).toBeGreaterThan(0);
      // The breakdown is this month's billed days, or last month on the 1st.
      expect(summary.body.periods.breakdown.kind).toBe(
        day.slice(8, 10) === '01' ? 'last-month' : 'month-to-date',
      );
      expect(summary.body.forecast.amount).toBeGreaterThanOrEqual(
        summary.body.monthToDate.amount,
      );
      // A comparison only with billed days this month and the same days of
      // last month all collected (backfillDays: 40 reaches back to them up
      // to the 9th or so).
      const billed = periods.billed.days > 0;
      const compared =
        billed &&
        periods.sameDaysLastMonth.from >= addDays(day.slice(0, 10), -40);
      expect(summary.body.billedToDate > 0).toBe(billed);
      // A number, or null (typeof 'object').
      expect(typeof summary.body.change).toBe(compared ? 'number' : 'object');
      expect(summary.body.byEnvironment.map((r: any) => r.key)).toEqual(
        expect.arrayContaining(['prod', 'staging', 'dev-a', '']),
      );
      expect(
        summary.body.byEnvironment.find((r: any) => r.key === 'prod'),
      ).toMatchObject({
        title: 'Production',
        entityRef: 'resource:default/env-prod',
      });
      // Every AWS service of the stand-in's example account has cost.
      expect(summary.body.byAwsService.length).toBe(
        exampleAccount().awsServices.length,
      );

      const byEntity = await api
        .get('/api/cost-uptime/series?granularity=day&groupBy=entity')
        .set('authorization', auth);
      expect(byEntity.status).toBe(200);
      expect(new Set(byEntity.body.points.map((p: any) => p.key))).toEqual(
        new Set([
          'resource:default/env-prod',
          'component:default/shop-backend',
        ]),
      );

      const monthly = await api
        .get(
          '/api/cost-uptime/series?granularity=month&groupBy=awsService&tagKey=service&tagValue=shop-backend',
        )
        .set('authorization', auth);
      expect(monthly.status).toBe(200);
      expect(monthly.body.points.length).toBeGreaterThan(0);

      // What the page asks for: the 3 biggest environments and "Other".
      const top = await api
        .get(
          '/api/cost-uptime/series?granularity=day&groupBy=environment&top=3',
        )
        .set('authorization', auth);
      expect(top.status).toBe(200);
      expect(top.body.keys).toHaveLength(4);
      expect(top.body.other).toEqual({
        key: '#other',
        count: expect.any(Number),
      });
      expect(top.body.other.count).toBeGreaterThan(0);

      const csv = await api
        .get(
          `/api/cost-uptime/export.csv?groupBy=environment&from=${addDays(
            day.slice(0, 10),
            -35,
          )}&to=${day.slice(0, 10)}`,
        )
        .set('authorization', auth);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toBe(
        'period,group_by,key,title,amount,currency,estimated',
      );
      expect(lines.length).toBeGreaterThan(30 * 4);
      expect(lines.some(l => l.includes(',prod,Production,'))).toBe(true);
    },
  );
});

describe('cost of a service per environment', () => {
  let ce: Awaited<ReturnType<typeof startCostExplorer>>;
  afterEach(async () => {
    await ce.stop();
  });

  it.each([DAYS[0], DAYS[2]])(
    'serves this month of one service by environment, matching its total, on %s',
    async day => {
      const clock = fixedClock(day);
      ce = await startCostExplorer({ now: clock.now });
      const { server } = await startTestBackend({
        features: [
          ...pluginFeatures(clock, {
            costUptime: {
              schedule: RARELY,
              costExplorer: ce.config({
                backfillDays: 40,
                serviceByEnvironment: true,
              }),
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      const api = request(server);
      const auth = mockCredentials.user.header();

      // Before any collection: no rows (the card shows "—"), not zeros.
      const before = await api
        .get('/api/cost-uptime/services/shop-backend/environments')
        .set('authorization', auth);
      expect(before.status).toBe(200);
      expect(before.body.environments).toEqual([]);

      expect((await runOnRequest(server, auth)).status).toBe('succeeded');

      const res = await api
        .get('/api/cost-uptime/services/shop-backend/environments')
        .set('authorization', auth);
      expect(res.status).toBe(200);
      // This month's billed days; on the 1st, last month (none billed yet).
      const periods = billingPeriods(
        clock.now(),
        addDays(day.slice(0, 10), -1),
      );
      const range =
        periods.billed.days > 0 ? periods.billed : periods.lastMonth;
      expect(res.body).toMatchObject({
        currency: 'USD',
        service: 'shop-backend',
        from: range.from,
        to: range.to,
      });
      const byEnv = Object.fromEntries(
        res.body.environments.map((e: any) => [e.environment, e.amount]),
      );
      expect(Object.keys(byEnv).sort()).toEqual(['dev-a', 'prod', 'staging']);
      // shop-backend's own cost is the shop's database: about USD 12.50 a
      // day in prod, 4 in dev-a (the cluster's cost carries no service tag).
      expect(byEnv.prod / byEnv['dev-a']).toBeCloseTo(12.5 / 4, 0);

      // Together they are the service's own cost over the same days.
      const series = await api
        .get(
          `/api/cost-uptime/series?granularity=day&groupBy=awsService&tagKey=service&tagValue=shop-backend&from=${res.body.from}&to=${res.body.to}`,
        )
        .set('authorization', auth);
      const total = series.body.points.reduce(
        (a: number, p: any) => a + p.amount,
        0,
      );
      expect(byEnv['dev-a'] + byEnv.staging + byEnv.prod).toBeCloseTo(total, 0);

      const unknown = await api
        .get('/api/cost-uptime/services/nobody/environments')
        .set('authorization', auth);
      expect(unknown.body.environments).toEqual([]);
      // A tag value longer than the store keeps is bad input, not a miss.
      const tooLong = await api
        .get(`/api/cost-uptime/services/${'x'.repeat(192)}/environments`)
        .set('authorization', auth);
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.name).toBe('InputError');
    },
  );
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

describe.each(databases.eachSupportedId())(
  'two backends sharing one database (%p)',
  databaseId => {
    it('collect once per cadence', async () => {
      const clock = fixedClock(DAYS[0]);
      const ce = await startCostExplorer({ now: clock.now });
      const knex = await databases.init(databaseId);
      const soon = {
        frequency: { hours: 1 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 1 },
      };
      const backend = () =>
        startTestBackend({
          features: [
            ...pluginFeatures(clock, {
              costUptime: {
                schedule: soon,
                costExplorer: ce.config({ backfillDays: 10 }),
              },
            }),
            mockServices.database.factory({ knex }),
            // The real scheduler, whose global tasks lock through the database.
            schedulerServiceFactory,
          ],
        });
      // One after the other, as in a rolling deployment: knex's own
      // bookkeeping table cannot be created by two migrations at once.
      const a = await backend();
      const b = await backend();
      try {
        const finished = await waitFor(async () => {
          const rows = await knex('collection_runs').whereNot({
            status: 'running',
          });
          return rows.length > 0 ? rows : undefined;
        });
        expect(finished[0].status).toBe('succeeded');
        // Give the other backend every chance to run it a second time.
        await new Promise(r => setTimeout(r, 8000));
        const all = await knex('collection_runs').select();
        expect(all).toHaveLength(1);
        // One backfill: one page per tag key plus the forecast.
        expect(ce.state.requests).toBe(3);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await ce.stop();
        await knex.destroy();
      }
    });
  },
);
