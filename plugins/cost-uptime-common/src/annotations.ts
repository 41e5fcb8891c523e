/**
 * Catalog annotations that tie an entity to its cost and uptime data.
 *
 * - `cost-uptime.io/environment: dev-a`: the entity (an environment Resource of
 *   spec.type environment, or a System) is the cost under the
 *   cost-allocation tag `environment=dev-a` and the Prometheus usage of that
 *   environment.
 * - `cost-uptime.io/service: shop-backend`: the entity (a Component) is the cost
 *   under the tag `service=shop-backend` and the availability SLI of that
 *   Prometheus job.
 * - `cost-uptime.io/prometheus-job`: a different job name for the SLI.
 * - `cost-uptime.io/sli`: `up` (default) or `probe` (blackbox `probe_success`).
 * - `cost-uptime.io/slo`: availability target in percent, e.g. "99.9".
 * - `cost-uptime.io/monthly-budget`: on an environment's entity, its monthly
 *   budget in the portal's currency (`costUptime.currency`), e.g. "500"; it
 *   wins over `costUptime.alerts.budgets` in config.
 */
export const ANNOTATION_ENVIRONMENT = 'cost-uptime.io/environment';
export const ANNOTATION_SERVICE = 'cost-uptime.io/service';
export const ANNOTATION_PROMETHEUS_JOB = 'cost-uptime.io/prometheus-job';
export const ANNOTATION_SLI = 'cost-uptime.io/sli';
export const ANNOTATION_SLO = 'cost-uptime.io/slo';
export const ANNOTATION_MONTHLY_BUDGET = 'cost-uptime.io/monthly-budget';

/** The tag an entity stands for, from its annotations (environment first). */
export function tagRefOfAnnotations(
  annotations: Record<string, string> | undefined,
): { tagKey: 'environment' | 'service'; tagValue: string } | undefined {
  const env = annotations?.[ANNOTATION_ENVIRONMENT];
  if (env) return { tagKey: 'environment', tagValue: env };
  const service = annotations?.[ANNOTATION_SERVICE];
  if (service) return { tagKey: 'service', tagValue: service };
  return undefined;
}

/** True when the entity has cost and uptime data to show. */
export function isCostUptimeAvailable(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  return tagRefOfAnnotations(entity.metadata.annotations) !== undefined;
}
