/*
 * The plugin's collection counters as Prometheus reads them: the backend's
 * metrics service over a real OpenTelemetry Prometheus exporter, a run
 * against the Cost Explorer stand-in, then GET /metrics of the exporter.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import { clockServiceFactory, fixedClock } from '../clock';
import { costUptimePlugin } from '../plugin';
import {
  acceptingAlerts,
  RARELY,
  runOnRequest,
} from '../__testUtils__/backend';
import { startCostExplorer } from '../__testUtils__/costExplorer';

jest.setTimeout(120_000);

/** The value of the sample `name{…}` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: string[] = []) {
  const line = text
    .split('\n')
    .find(
      l =>
        (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) &&
        labels.every(label => l.includes(label)),
    );
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('collection metrics', () => {
  let exporter: PrometheusExporter;
  beforeAll(() => {
    // Served below through the exporter's own /metrics handler.
    exporter = new PrometheusExporter({ preventServerStart: true });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
  });
  afterAll(() => exporter.shutdown());

  it('counts runs, rows, duration and Cost Explorer requests of a run', async () => {
    const clock = fixedClock('2026-12-15T10:00:00Z');
    const ce = await startCostExplorer({ now: clock.now });
    try {
      const { server } = await startTestBackend({
        features: [
          costUptimePlugin,
          metricsServiceFactory,
          catalogServiceMock.factory({ entities: [] }),
          acceptingAlerts,
          clockServiceFactory(clock),
          mockServices.rootConfig.factory({
            data: {
              costUptime: {
                schedule: RARELY,
                costExplorer: ce.config({ backfillDays: 5 }),
              },
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      const run = await runOnRequest(server, mockCredentials.user.header());
      expect(run.finishedAt).toBeTruthy();
      expect(run.rowsWritten).toBeGreaterThan(0);

      const { text } = await request(
        exporter.getMetricsRequestHandler.bind(exporter),
      ).get('/metrics');
      expect(
        sample(text, 'portal_cost_uptime_collection_runs_total', [
          `status="${run.status}"`,
          'trigger="manual"',
        ]),
      ).toBe(1);
      expect(sample(text, 'portal_cost_uptime_collection_rows_total')).toBe(
        run.rowsWritten,
      );
      expect(
        sample(text, 'portal_cost_uptime_source_requests_total', [
          'source="cost-explorer"',
        ]),
      ).toBe(ce.state.requests);
      expect(ce.state.requests).toBeGreaterThan(0);
      expect(
        sample(text, 'portal_cost_uptime_collection_duration_seconds_count', [
          `status="${run.status}"`,
        ]),
      ).toBe(1);
    } finally {
      await ce.stop();
    }
  });
});
