import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import {
  ARGOCD_POLL_TASK_ID,
  describePoll,
  scheduleArgoCdPolling,
} from './ArgoCdPollTask';

describe('scheduleArgoCdPolling', () => {
  it('schedules one global task that polls and logs what it did', async () => {
    const scheduleTask = jest.fn();
    const scheduler = { scheduleTask } as unknown as SchedulerService;
    const poll = jest.fn().mockResolvedValue({
      instances: [
        { name: 'dev', applications: 3 },
        { name: 'prod', applications: 0, error: 'down' },
      ],
      raised: [{ id: 'a', status: 'sent' }],
    });
    const logger = mockServices.logger.mock();

    await scheduleArgoCdPolling({
      scheduler,
      schedule: { frequency: { minutes: 2 }, timeout: { minutes: 5 } },
      poller: { poll },
      logger,
    });

    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: ARGOCD_POLL_TASK_ID,
        scope: 'global',
        frequency: { minutes: 2 },
        timeout: { minutes: 5 },
      }),
    );
    await scheduleTask.mock.calls[0][0].fn();
    expect(poll).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(
      'Polled Argo CD dev (3), prod (skipped); 1 alerts raised',
    );
  });

  it('describes a poll of no instances', () => {
    expect(describePoll({ instances: [], raised: [] })).toBe(
      'Polled Argo CD ; 0 alerts raised',
    );
  });
});
