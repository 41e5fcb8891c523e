import type {
  EnvironmentOperation,
  EnvironmentRun,
  EnvironmentState,
} from '@internal/plugin-environments-common';

/** What is recorded of one environment; no state for one made before the portal kept history. */
export interface RecordedEnvironment {
  state?: EnvironmentState;
  updatedAt?: string;
  /** Newest first. */
  runs: EnvironmentRun[];
}

/** A run to open: what was asked, by whom, when, and the state it puts the environment in. */
export interface RunRequest {
  environment: string;
  operation: EnvironmentOperation;
  requestedBy: string;
  requestedAt: Date;
  /** The state while the run goes (provisioning, updating, destroying), or none for an extend. */
  state?: EnvironmentState;
  gitCommit?: string;
}

/** How a run ended, and the state it leaves the environment in. */
export interface RunEnd {
  result: string;
  finishedAt: Date;
  state?: EnvironmentState;
  by: string;
  gitCommit?: string;
}

/** The environments plugin's record of states and pipeline runs. */
export interface EnvironmentStore {
  /** State and runs (newest first); no runs and no state when nothing was recorded. */
  get(name: string): Promise<RecordedEnvironment>;
  /**
   * Opens a run. ConflictError when the environment has an open run already
   * (checked by a unique index, so it holds across replicas); InputError for
   * a state the environment cannot go to from where it is.
   */
  startRun(request: RunRequest): Promise<{ id: number }>;
  /** Records the Jenkins build a run got. */
  setBuild(id: number, build: { number: number; url: string }): Promise<void>;
  /** Closes a run; the environment may then have a new one. */
  finishRun(id: number, end: RunEnd): Promise<void>;
}
