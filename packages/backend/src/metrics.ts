import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/**
 * Exposes the backend's OpenTelemetry metrics for Prometheus at
 * `:PORT/metrics`: Backstage's own (e.g. catalog processing) and what the
 * portal's plugins count through Backstage's metrics service
 * (`metricsServiceRef`): the chat channels' alert deliveries and failures
 * (`portal_alerts_deliveries_total` and
 * `portal_alerts_delivery_failures_total`, by `channel`; see
 * `@internal/plugin-alerts-node` `createDeliveryMetrics`), and cost and
 * uptime collection runs (`portal_cost_uptime_collection_runs_total` by
 * `status` and `trigger`, `portal_cost_uptime_collection_duration_seconds`,
 * `portal_cost_uptime_collection_rows_total`,
 * `portal_cost_uptime_source_requests_total` by `source`; see
 * cost-uptime-backend's `collectionMetrics.ts`).
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
