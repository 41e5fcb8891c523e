/*
 * The dashboard's forecast (the summary for one environment) and the budget
 * alert's "over budget (forecast)" are one rule: on the same stored data the
 * page says "over budget" exactly when the alert goes out, with the same
 * figure, on days where the month's average and the last week's differ.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { AlertEvent } from '@internal/plugin-alerts-node';
import { addDays, dayRange } from '@internal/plugin-cost-uptime-common';
import { type Knex } from 'knex';
import { CostAlertDetector } from '../alerting/CostAlertDetector';
import { readCostUptimeOptions } from '../config';
import type { CostRow } from '../database/CostStore';
import { DatabaseCostStore } from '../database/DatabaseCostStore';
import { ReportService } from './ReportService';
import { memoryStore } from '../__testUtils__/stores';
import { RecordingAlerts, devA } from '../__testUtils__/alerts';

// Billed through the 19th; the 20th has hourly estimates.
const NOW = new Date('2026-11-20T12:30:00Z');

describe('the forecast of the page and of the budget alert', () => {
  let knex: Knex;
  let store: DatabaseCostStore;

  beforeAll(async () => {
    ({ knex, store } = await memoryStore());
    const rows: CostRow[] = [];
    const range = dayRange('2026-10-20', '2026-11-19');
    for (let i = 0; i < range.days; i++) {
      const day = addDays(range.from, i);
      // 10 a day until the 12th, 40 a day since: the month's average
      // (about 21) and the last week's (40) forecast differently.
      const amount = day >= '2026-11-13' ? 40 : 10;
      rows.push({
        tagKey: 'environment',
        day,
        tagValue: 'dev-a',
        awsService: 'Amazon Elastic Compute Cloud - Compute',
        amount,
        estimated: false,
      });
    }
    await store.write({
      costs: [
        { tagKey: 'environment', from: range.from, to: '2026-11-20', rows },
      ],
      usage: [],
      sli: [],
      estimates: Array.from({ length: 12 }, (_, h) => ({
        environment: 'dev-a',
        hour: `2026-11-20T${String(h).padStart(2, '0')}`,
        nodes: 2,
        pvGb: 0,
        amount: 1.5,
      })),
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  async function pageAndAlert(budget: number) {
    const options = readCostUptimeOptions(
      new ConfigReader({
        costUptime: { alerts: { budgets: { 'dev-a': budget } } },
      }),
    );
    const report = new ReportService(
      store,
      options,
      { list: async () => [devA] },
      () => NOW,
    );
    const summary = await report.summary({
      tagKey: 'environment',
      tagValue: 'dev-a',
    });
    const alerts = new RecordingAlerts();
    await new CostAlertDetector({
      store,
      options: { ...options, alerts: options.alerts! },
      alerts,
      entities: { list: async () => [devA] },
      logger: mockServices.logger.mock(),
      now: () => NOW,
    }).detect();
    const alert = alerts.events.find(
      e => e.type === 'cost.over-budget' && e.forecast,
    ) as Extract<AlertEvent, { type: 'cost.over-budget' }> | undefined;
    return { forecast: summary.forecast.amount, alert };
  }

  it('is the run-rate forecast: billed days + last 7 days average x days left', async () => {
    const { forecast } = await pageAndAlert(1_000_000);
    // Nov 1-12: 12 x 10, Nov 13-19: 7 x 40, then 11 days at 40.
    expect(forecast).toBe(120 + 280 + 11 * 40);
  });

  it.each([839.99, 840, 840.01, 700, 1000])(
    'with a budget of %p the page and the alert agree on over/under',
    async budget => {
      const { forecast, alert } = await pageAndAlert(budget);
      const pageSaysOver = forecast >= budget;
      expect(Boolean(alert)).toBe(pageSaysOver);
      expect(alert?.amount).toBe(pageSaysOver ? forecast : undefined);
    },
  );
});
