/**
 * An environment's recorded lifecycle: requested → provisioning → ready →
 * (updating → ready) → destroying → destroyed, or failed at any step. A
 * failed environment may be provisioned, updated or destroyed again; a
 * destroyed one's name may be requested (or provisioned) again. A ready
 * environment is paused by an update run that scales its node groups to
 * zero (updating → paused) and resumed by one that scales them back
 * (paused → updating → ready).
 */
export const ENVIRONMENT_STATES = [
  'requested',
  'provisioning',
  'ready',
  'updating',
  'destroying',
  'destroyed',
  'failed',
  'paused',
] as const;
export type EnvironmentState = (typeof ENVIRONMENT_STATES)[number];

/** What a pipeline run was asked to do. */
export const ENVIRONMENT_OPERATIONS = [
  'create',
  'update',
  'extend',
  'destroy',
  'pause',
  'resume',
] as const;
export type EnvironmentOperation = (typeof ENVIRONMENT_OPERATIONS)[number];

const NEXT: Record<EnvironmentState, readonly EnvironmentState[]> = {
  requested: ['provisioning', 'failed'],
  provisioning: ['ready', 'failed'],
  ready: ['updating', 'destroying'],
  updating: ['ready', 'failed', 'paused'],
  destroying: ['destroyed', 'failed'],
  // A new environment of the same name: its request and first run may be one step.
  destroyed: ['requested', 'provisioning'],
  failed: ['provisioning', 'updating', 'destroying'],
  paused: ['updating', 'destroying'],
};

/**
 * Whether an environment may go from one state to another. Staying in a
 * state is allowed (a retried step records it again). An environment
 * without a recorded state may start anywhere: the ones made before the
 * portal kept history have none.
 */
export function canTransition(
  from: EnvironmentState | undefined,
  to: EnvironmentState,
): boolean {
  if (from === undefined || from === to) return true;
  return NEXT[from].includes(to);
}

/** One pipeline run of an environment, as recorded. */
export interface EnvironmentRun {
  id: number;
  operation: EnvironmentOperation;
  /** Entity ref of the person (or `expiry` for the expiry task). */
  requestedBy: string;
  /** ISO time. */
  requestedAt: string;
  build?: { number: number; url: string };
  /** Jenkins' result (SUCCESS, FAILURE, UNSTABLE, ABORTED, NOT_BUILT); absent while it runs. */
  result?: string;
  /** The IaC commit the run built or made. */
  gitCommit?: string;
  finishedAt?: string;
}

/** `GET /api/environments/environments/:name`: state and runs, newest first. */
export interface EnvironmentHistory {
  name: string;
  state: EnvironmentState;
  /** When the recorded state last changed; absent when none was recorded. */
  updatedAt?: string;
  runs: EnvironmentRun[];
}

/**
 * `GET /api/environments/environments/:name/runs/:id/log?start=N`: the
 * run's Jenkins console log from byte `start`.
 */
export interface EnvironmentRunLog {
  text: string;
  /** The `start` to ask with next. */
  next: number;
  /** The build still runs: ask again from `next` for more. */
  more: boolean;
  /** The text was longer than one answer carries: this is its end. */
  truncated?: boolean;
}
