import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { startTestBackend } from '@backstage/backend-test-utils';
import { createDeliveryMetrics } from '@internal/plugin-alerts-node';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { createServer } from 'node:net';
import { startPrometheusExporter } from './metrics';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('startPrometheusExporter', () => {
  let exporter: PrometheusExporter | undefined;
  afterEach(async () => {
    await exporter?.shutdown();
    exporter = undefined;
  });

  it('is off without PORTAL_METRICS_PORT', () => {
    expect(startPrometheusExporter({})).toBeUndefined();
  });

  it("serves what plugins count through Backstage's metrics service", async () => {
    const port = await freePort();
    exporter = startPrometheusExporter({ PORTAL_METRICS_PORT: String(port) });
    expect(exporter).toBeDefined();

    // A plugin counting deliveries the way the chat channel modules do.
    const backend = await startTestBackend({
      features: [
        metricsServiceFactory,
        createBackendPlugin({
          pluginId: 'metrics-test',
          register(env) {
            env.registerInit({
              deps: { metrics: metricsServiceRef },
              async init({ metrics }) {
                const slack = createDeliveryMetrics(metrics, 'Slack');
                slack.delivered(2);
                slack.failed();
                createDeliveryMetrics(metrics, 'KakaoTalk').delivered(5);
              },
            });
          },
        }),
      ],
    });

    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const sample = (name: string, channel: string) =>
      text
        .split('\n')
        .find(
          line =>
            line.startsWith(`${name}{`) &&
            line.includes(`channel="${channel}"`),
        )
        ?.split(' ')
        .pop();
    expect(sample('portal_alerts_deliveries_total', 'Slack')).toBe('2');
    expect(sample('portal_alerts_delivery_failures_total', 'Slack')).toBe('1');
    expect(sample('portal_alerts_deliveries_total', 'KakaoTalk')).toBe('5');
    await backend.stop();
  });
});
