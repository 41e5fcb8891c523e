/**
 * The events the portal alerts on. Each has a `type` (also the notification
 * topic users can mute in their settings), the catalog entity it is about
 * (alerts go to that entity's owners), and the facts its message needs.
 *
 * `id` makes an event idempotent: raising the same id twice (a retried
 * webhook, a second replica's scheduler run) sends it once. Leave it out and
 * the alerts backend derives one from the facts (see `defaultEventId`).
 */
/** What every alert event carries. */
export interface AlertEventBase {
  /** Stable id of this occurrence, for deduplication. */
  id?: string;
  /**
   * The entity the event is about, e.g. `component:default/shop-backend` or
   * `resource:default/env-dev-a`. Its owners receive the alert; when missing,
   * the configured fallback recipients (`alerts.fallbackRecipients`) do.
   */
  entityRef?: string;
  /** Where to go in the portal (or elsewhere); absolute or portal-relative. */
  link?: string;
}

/** A Jenkins build of any job finished (received at the signed webhook). */
export interface PipelineBuildEvent extends AlertEventBase {
  type: 'pipeline.build';
  job: string;
  build: number;
  result: 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED' | 'NOT_BUILT';
  /** The build's page in Jenkins. */
  url?: string;
  durationMs?: number;
  /** Last lines of the console log (failures). */
  logTail?: string;
}

/** Creating or deleting an environment (scaffolder task) finished. */
export interface EnvironmentTaskEvent extends AlertEventBase {
  type: 'environment.task';
  action: 'create' | 'delete';
  environment: string;
  status: 'completed' | 'failed';
  /** Scaffolder task id: the link goes to `/create/tasks/<taskId>`. */
  taskId: string;
  logTail?: string;
}

/** An environment reaches its expiry soon. */
export interface EnvironmentExpiryEvent extends AlertEventBase {
  type: 'environment.expiry';
  environment: string;
  /** ISO timestamp when it will be deleted. */
  expiresAt: string;
  /**
   * Set when the expiry passed more than an hour ago and no destroy run
   * started: the alert then goes to the platform admins.
   */
  overdue?: boolean;
}

/**
 * An environment's first days were billed more than the tolerance above or
 * below the estimate its create request showed.
 */
export interface EnvironmentEstimateGapEvent extends AlertEventBase {
  type: 'environment.estimate-gap';
  environment: string;
  /** Days compared (the days after it became ready). */
  days: number;
  /** The estimate for those days. */
  estimated: number;
  billed: number;
  currency: string;
  /** The likely causes, biggest difference first. */
  causes: ('node count' | 'instance type' | 'volumes')[];
}

/** Argo CD could not sync an application, or its health is degraded. */
export interface DeploymentEvent extends AlertEventBase {
  type: 'deployment.sync-failed' | 'deployment.degraded';
  application: string;
  environment?: string;
  revision?: string;
  message?: string;
}

/** An environment's month-to-date (or forecast) cost passed its budget. */
export interface CostOverBudgetEvent extends AlertEventBase {
  type: 'cost.over-budget';
  environment: string;
  /** Month, `YYYY-MM`. */
  month: string;
  amount: number;
  budget: number;
  currency: string;
  /** True when `amount` is the month's forecast rather than the cost so far. */
  forecast?: boolean;
}

/** Day-over-day or week-over-week cost growth above the threshold. */
export interface CostGrowthEvent extends AlertEventBase {
  type: 'cost.growth';
  environment: string;
  period: 'day' | 'week';
  /** The period that grew, e.g. `2026-11-16` or `2026-W47`. */
  periodLabel: string;
  previous: number;
  current: number;
  thresholdPercent: number;
  currency: string;
}

/** Cost without the environment tag is above its allowed share. */
export interface CostUntaggedEvent extends AlertEventBase {
  type: 'cost.untagged';
  /** `YYYY-MM` or a day. */
  periodLabel: string;
  /** 0..1 */
  share: number;
  /** 0..1 */
  thresholdShare: number;
  amount: number;
  currency: string;
}

/** A service's availability over its window is below its SLO. */
export interface AvailabilityBelowSloEvent extends AlertEventBase {
  type: 'uptime.below-slo';
  service: string;
  /** Where it was measured: each environment has its own Prometheus. */
  environment?: string;
  /** 0..1 */
  availability: number;
  /** 0..1 */
  slo: number;
  /** e.g. `30d`, `7d`. */
  window: string;
}

/** Every event the alerts backend accepts. */
export type AlertEvent =
  | PipelineBuildEvent
  | EnvironmentTaskEvent
  | EnvironmentExpiryEvent
  | EnvironmentEstimateGapEvent
  | DeploymentEvent
  | CostOverBudgetEvent
  | CostGrowthEvent
  | CostUntaggedEvent
  | AvailabilityBelowSloEvent;

export type AlertEventType = AlertEvent['type'];

/** Every event type; also the notification topics. */
export const ALERT_EVENT_TYPES: readonly AlertEventType[] = [
  'pipeline.build',
  'environment.task',
  'environment.expiry',
  'environment.estimate-gap',
  'deployment.sync-failed',
  'deployment.degraded',
  'cost.over-budget',
  'cost.growth',
  'cost.untagged',
  'uptime.below-slo',
];

/** What happened to a raised event. */
export interface RaiseResult {
  /** The event's id (given or derived). */
  id: string;
  /**
   * `sent`: handed to the notifications backend; `duplicate`: this id was
   * raised before; `grouped`: held to go out in one digest with the rest of a
   * burst; `failed`: could not be handed over (recorded, never thrown).
   */
  status: 'sent' | 'duplicate' | 'grouped' | 'failed';
}
