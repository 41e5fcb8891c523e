import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/**
 * Exposes the backend's OpenTelemetry metrics (Backstage's own, e.g. catalog
 * processing, and ours through the metrics service, e.g. cost collection runs
 * and Cost Explorer requests) for Prometheus at `:PORT/metrics`.
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
