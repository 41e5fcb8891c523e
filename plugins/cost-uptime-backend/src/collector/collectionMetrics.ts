import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { RunRecord } from '../database/CostStore';

/** Counter of collection runs, by `status` and `trigger`. */
const COLLECTION_RUNS_METRIC = 'portal.cost_uptime.collection_runs';
/** Histogram of how long a collection run took, in seconds, by `status`. */
const COLLECTION_DURATION_METRIC =
  'portal.cost_uptime.collection_duration_seconds';
/** Counter of rows collection runs wrote. */
const COLLECTION_ROWS_METRIC = 'portal.cost_uptime.collection_rows';
/** Counter of requests sent to a source, by `source` (cost-explorer, prometheus). */
const SOURCE_REQUESTS_METRIC = 'portal.cost_uptime.source_requests';

/** What the collector counts about each finished run. */
export interface CollectionMetrics {
  finished(run: RunRecord): void;
}

/**
 * Collection counters through Backstage's metrics service; the backend
 * exports them for Prometheus, e.g.
 * `portal_cost_uptime_collection_runs_total{status="partial",trigger="schedule"}`.
 * Cost Explorer requests are the ones AWS bills (USD 0.01 each), retries
 * and pages included.
 */
export function createCollectionMetrics(
  metrics: MetricsService,
): CollectionMetrics {
  const runs = metrics.createCounter(COLLECTION_RUNS_METRIC, {
    description: 'Cost and uptime collection runs',
  });
  const duration = metrics.createHistogram(COLLECTION_DURATION_METRIC, {
    description: 'How long a cost and uptime collection run took',
    unit: 's',
  });
  const rows = metrics.createCounter(COLLECTION_ROWS_METRIC, {
    description: 'Rows written by cost and uptime collection runs',
  });
  const requests = metrics.createCounter(SOURCE_REQUESTS_METRIC, {
    description:
      'Requests collection runs sent to Cost Explorer (billed) and Prometheus',
  });
  return {
    finished(run) {
      runs.add(1, { status: run.status, trigger: run.trigger });
      if (run.finishedAt) {
        const seconds =
          (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
        if (seconds >= 0) duration.record(seconds, { status: run.status });
      }
      rows.add(run.rowsWritten);
      requests.add(run.costExplorerRequests, { source: 'cost-explorer' });
      requests.add(run.prometheusRequests, { source: 'prometheus' });
    },
  };
}
