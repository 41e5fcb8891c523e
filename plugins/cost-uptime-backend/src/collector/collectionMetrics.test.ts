/*
 * The plugin's collection counters as Prometheus reads them: the backend's
 * metrics service over a real OpenTelemetry Prometheus exporter, a run
 * against the Cost Explorer stand-in, then GET /metrics.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import { createServer } from 'node:net';
import { clockServiceFactory, fixedClock } from '../clock';
import { costUptimePlugin } from '../plugin';
import { startCostExplorer } from '../__testUtils__/costExplorer';

jest.setTimeout(120_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

const acceptingAlerts = createServiceFactory({
  service: alertsServiceRef,
  deps: {},
  factory: () => ({
    raise: async event => ({ id: event.id ?? '', status: 'sent' as const }),
  }),
});

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
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    exporter = new PrometheusExporter({ port, host: '127.0.0.1' });
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
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 5 },
                  initialDelay: { hours: 12 },
                },
                costExplorer: {
                  endpoint: ce.url,
                  credentials: {
                    accessKeyId: 'AKIDTEST',
                    secretAccessKey: 'test',
                  },
                  backfillDays: 5,
                },
              },
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      const auth = mockCredentials.user.header();
      const api = request(server);
      expect(
        (await api.post('/api/cost-uptime/runs').set('authorization', auth))
          .status,
      ).toBe(202);
      let run: any;
      for (let i = 0; i < 240 && !run?.finishedAt; i++) {
        await new Promise(r => setTimeout(r, 250));
        const runs = await api
          .get('/api/cost-uptime/runs')
          .set('authorization', auth);
        run = runs.body.runs?.[0] ?? runs.body[0];
      }
      expect(run.finishedAt).toBeTruthy();
      expect(run.rowsWritten).toBeGreaterThan(0);

      const text = await (
        await fetch(`http://127.0.0.1:${port}/metrics`)
      ).text();
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
