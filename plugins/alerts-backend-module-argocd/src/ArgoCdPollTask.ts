import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { PollSummary } from './ArgoCdAlertPoller';

/** The scheduled task's id (one run per cadence across replicas). */
export const ARGOCD_POLL_TASK_ID = 'alerts-argocd-poll';

/** One line for the debug log: what each instance gave and what was raised. */
export function describePoll({ instances, raised }: PollSummary): string {
  const polled = instances
    .map(i => `${i.name} (${i.error ? 'skipped' : i.applications})`)
    .join(', ');
  return `Polled Argo CD ${polled}; ${raised.length} alerts raised`;
}

/** Schedules `poller.poll` as a global task (one replica per cadence). */
export async function scheduleArgoCdPolling(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  poller: { poll(): Promise<PollSummary> };
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, schedule, poller, logger } = options;
  await scheduler.scheduleTask({
    id: ARGOCD_POLL_TASK_ID,
    scope: 'global',
    ...schedule,
    fn: async () => {
      logger.debug(describePoll(await poller.poll()));
    },
  });
}
