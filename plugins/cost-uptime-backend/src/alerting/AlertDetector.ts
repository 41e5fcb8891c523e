import type { AlertEvent, RaiseResult } from '@internal/plugin-alerts-node';

/** What one detection raised, and what the alerts backend made of each. */
export interface DetectionResult {
  raised: { event: AlertEvent; result: RaiseResult }[];
}

/**
 * Looks at the stored cost and uptime data after a collection run and raises
 * the alerts it calls for. The collector calls it after writing a run's data;
 * a detector that throws is logged and recorded on the run, never fails it.
 */
export interface AlertDetector {
  detect(): Promise<DetectionResult>;
}
