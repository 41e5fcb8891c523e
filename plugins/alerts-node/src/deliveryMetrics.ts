import { MetricsService } from '@backstage/backend-plugin-api/alpha';

/** Counter of messages a chat channel delivered, by `channel`. */
export const ALERT_DELIVERIES_METRIC = 'portal.alerts.deliveries';
/** Counter of messages a chat channel gave up on after its retries, by `channel`. */
export const ALERT_DELIVERY_FAILURES_METRIC = 'portal.alerts.delivery_failures';

/** What a chat channel counts about its deliveries. */
export interface DeliveryMetrics {
  /** `count` messages (one per Slack channel or KakaoTalk receiver) went out. */
  delivered(count?: number): void;
  /** `count` messages were given up on. */
  failed(count?: number): void;
}

/**
 * Delivery counters of one channel (`Slack`, `KakaoTalk`) through
 * Backstage's metrics service; the backend exports them for Prometheus
 * (`portal_alerts_deliveries_total{channel="Slack"}`).
 */
export function createDeliveryMetrics(
  metrics: MetricsService,
  channel: string,
): DeliveryMetrics {
  const deliveries = metrics.createCounter(ALERT_DELIVERIES_METRIC, {
    description: 'Alert messages delivered to a chat channel',
  });
  const failures = metrics.createCounter(ALERT_DELIVERY_FAILURES_METRIC, {
    description: 'Alert messages given up on after retries',
  });
  return {
    delivered: (count = 1) => deliveries.add(count, { channel }),
    failed: (count = 1) => failures.add(count, { channel }),
  };
}

/** Counts nothing: for processors built outside a backend. */
export const noDeliveryMetrics: DeliveryMetrics = {
  delivered: () => {},
  failed: () => {},
};
