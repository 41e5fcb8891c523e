import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { type Knex } from 'knex';
import request from 'supertest';
import type { CostRow } from '../database/CostStore';
import { registerCostUptimeActions } from './costUptimeActions';
import { memoryStore } from '../__testUtils__/stores';
import { testApiApp, testReport } from '../__testUtils__/reports';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAYS = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];

describe('cost and uptime actions', () => {
  let knex: Knex;
  let api: ReturnType<typeof request>;
  const actions = actionsRegistryServiceMock();

  beforeAll(async () => {
    const { knex: db, store } = await memoryStore();
    knex = db;
    const rows: CostRow[] = DAYS.flatMap((day, d) =>
      ['dev-a', 'prod'].map(tagValue => ({
        tagKey: 'environment',
        day,
        tagValue,
        awsService: 'Amazon EC2',
        amount: (tagValue === 'prod' ? 40 : 10) + d,
        estimated: false,
      })),
    );
    await store.write({
      costs: [{ tagKey: 'environment', from: DAYS[0], to: '2026-11-20', rows }],
      usage: [],
      sli: DAYS.map(day => ({
        sliKey: 'shop-backend',
        environment: 'prod',
        hour: `${day}T00:00:00.000Z`,
        value: day === DAYS[1] ? 0.9 : 1,
      })),
      estimates: [],
    });
    const report = testReport(store, NOW);
    registerCostUptimeActions({
      actionsRegistry: actions,
      report,
      now: () => NOW,
    });
    api = request(await testApiApp(report, store, { now: () => NOW }));
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('are all read-only and described for a model', async () => {
    const { actions: listed } = await actions.list();
    expect(listed.map(a => a.name).sort()).toEqual([
      'get-cost-series',
      'get-cost-summary',
      'get-slo-status',
    ]);
    for (const a of listed) {
      expect(a.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(a.description.length).toBeGreaterThan(100);
    }
  });

  it('get-cost-summary gives the figures of /summary', async () => {
    const { output } = await actions.invoke({
      id: 'test:get-cost-summary',
      input: { environment: 'prod' },
    });
    const rest = await api.get('/summary?tagKey=environment&tagValue=prod');
    expect(rest.status).toBe(200);
    expect(output).toMatchObject({
      currency: rest.body.currency,
      monthToDate: rest.body.monthToDate,
      billedToDate: rest.body.billedToDate,
      lastMonth: rest.body.lastMonth,
      forecast: rest.body.forecast,
      byAwsService: rest.body.byAwsService,
    });
    // Four billed days of prod: 40 + 41 + 42 + 43.
    expect((output as any).billedToDate).toBe(166);
  });

  it('get-cost-series gives the points of /series', async () => {
    const { output } = await actions.invoke({
      id: 'test:get-cost-series',
      input: { from: DAYS[0], to: DAYS[3] },
    });
    const rest = await api.get(`/series?from=${DAYS[0]}&to=${DAYS[3]}`);
    expect((output as any).points).toEqual(rest.body.points);
    expect((output as any).points).toHaveLength(8);
  });

  it('get-slo-status gives the availability and error budget of /uptime', async () => {
    const { output } = await actions.invoke({
      id: 'test:get-slo-status',
      input: { service: 'shop-backend', environment: 'prod', days: 30 },
    });
    const rest = await api.get('/uptime?days=30&key=shop-backend');
    const [row] = (output as any).rows;
    expect(row).toMatchObject({
      service: 'shop-backend',
      environment: 'prod',
      availability: rest.body.rows[0].availability,
      errorBudgetRemaining: rest.body.rows[0].errorBudgetRemaining,
    });
    expect(row.availability).toBeLessThan(1);
  });

  it('refuses what the routes refuse', async () => {
    await expect(
      actions.invoke({
        id: 'test:get-cost-series',
        input: { from: '2025-02-30' },
      }),
    ).rejects.toThrow(/from: "2025-02-30" is not a date/);
    await expect(
      actions.invoke({
        id: 'test:get-cost-summary',
        input: { environment: 'prod', service: 'shop-backend' },
      }),
    ).rejects.toThrow(/either environment or service/);
    await expect(
      actions.invoke({
        id: 'test:get-cost-summary',
        input: { environment: 'x'.repeat(192) },
      }),
    ).rejects.toThrow(/Invalid input/);
  });
});
