import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';

/** The scheduled task's id (one run per cadence across replicas). */
const ALERTS_HOUSEKEEPING_TASK_ID = 'alerts-flush-bursts';

/**
 * The alerts backend's periodic work: sends the digests whose burst window
 * has passed, and forgets webhook delivery ids older than twice the replay
 * window (a post that old is refused as stale before its id is checked).
 */
export class AlertsHousekeeping {
  constructor(
    private readonly options: {
      manager: { flushBursts(): Promise<unknown> };
      store: Pick<DatabaseAlertsStore, 'pruneDeliveries'>;
      replayWindowMs: number;
      now?: () => Date;
    },
  ) {}

  /** One run: flush due digests, then prune old delivery ids. */
  async run(): Promise<void> {
    const { manager, store, replayWindowMs } = this.options;
    const now = this.options.now?.() ?? new Date();
    await manager.flushBursts();
    await store.pruneDeliveries(new Date(now.getTime() - 2 * replayWindowMs));
  }

  /** Schedules `run` as a global task (one replica per cadence). */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: ALERTS_HOUSEKEEPING_TASK_ID,
      scope: 'global',
      ...schedule,
      fn: () => this.run(),
    });
  }
}
