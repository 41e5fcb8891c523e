import type {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Collector } from './Collector';

const COLLECTION_TASK_ID = 'cost-uptime-collection';

/**
 * Schedules the collection as a global task: the scheduler's database lock
 * makes one replica run it per cadence, however many backends share the
 * database. Admin-triggered runs go through the same task, so they never
 * overlap a scheduled one either.
 */
export async function scheduleCollection(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  collector: Pick<Collector, 'run'>;
}) {
  // Best effort: the replica that takes the trigger usually runs it.
  let manualRequested = false;
  await options.scheduler.scheduleTask({
    id: COLLECTION_TASK_ID,
    scope: 'global',
    ...options.schedule,
    fn: async () => {
      const trigger = manualRequested ? 'manual' : 'schedule';
      manualRequested = false;
      await options.collector.run(trigger);
    },
  });
  return {
    triggerRun: async () => {
      manualRequested = true;
      await options.scheduler.triggerTask(COLLECTION_TASK_ID);
    },
  };
}
