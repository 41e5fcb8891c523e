import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/**
 * Exposes the backend's OpenTelemetry metrics for Prometheus at
 * `:PORT/metrics`: Backstage's own (e.g. catalog processing) and what the
 * portal's plugins count through Backstage's metrics service
 * (`metricsServiceRef`), today the chat channels' alert deliveries and
 * failures (`portal_alerts_deliveries_total` and
 * `portal_alerts_delivery_failures_total`, by `channel`; see
 * `@internal/plugin-alerts-node` `createDeliveryMetrics`). Cost collection
 * counts nothing yet: cost-uptime-backend would add its counters the same
 * way, and they would appear here without a change to this file.
 *
 * On its own port rather than a backend route, so the Ingress never exposes
 * it: Prometheus in the cluster scrapes the pod directly. Off unless
 * PORTAL_METRICS_PORT is set (the Helm chart sets it), which keeps local runs
 * and tests with several backends from fighting over one port.
 *
 * Must run before the backend starts: plugins create their meters at start-up
 * from the global meter provider.
 */
export function startPrometheusExporter(
  env: NodeJS.ProcessEnv = process.env,
): PrometheusExporter | undefined {
  const port = Number(env.PORTAL_METRICS_PORT);
  if (!port) {
    return undefined;
  }
  const exporter = new PrometheusExporter({ port, host: '0.0.0.0' });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
  return exporter;
}
