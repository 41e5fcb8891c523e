import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import {
  ENVIRONMENT_ANNOTATIONS,
  estimateCheckWindow,
  readStoredEstimate,
  type Pricing,
} from '@internal/plugin-environments-common';
import type { AlertsService } from '@internal/plugin-alerts-node';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from '../database/EnvironmentStore';
import type { EnvironmentBills } from './EnvironmentBills';
import { checkEstimate, readyAtOf } from './EstimateChecker';

/** Days after the check day on which a check is still made (the bill may come late). */
const ESTIMATE_CHECK_GRACE_DAYS = 3;
const DAY_MS = 86_400_000;

/** From the check day to ESTIMATE_CHECK_GRACE_DAYS after it (UTC days). */
function withinCheckDays(checkOn: string, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  const last = new Date(
    Date.parse(checkOn) + ESTIMATE_CHECK_GRACE_DAYS * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
  return today >= checkOn && today <= last;
}

/**
 * Once a day: every environment whose estimate check day came in the last
 * ESTIMATE_CHECK_GRACE_DAYS is compared with its bill, and its owners are
 * told when the bill is beyond the tolerance. The alert's id (environment
 * and window) makes it go out once, across days and replicas.
 */
export class EstimateCheckTask {
  constructor(
    private readonly options: {
      service: Pick<EnvironmentService, 'listEnvironments'>;
      store: Pick<EnvironmentStore, 'get'>;
      bills: EnvironmentBills;
      pricing: Pricing;
      alerts: AlertsService;
      logger: LoggerService;
    },
  ) {}

  static async schedule(
    options: EstimateCheckTask['options'] & { scheduler: SchedulerService },
  ) {
    const task = new EstimateCheckTask(options);
    await options.scheduler.scheduleTask({
      id: 'environment-estimate-check',
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 5 },
      fn: () => task.run(),
    });
    return task;
  }

  async run(now: Date = new Date()): Promise<void> {
    for (const entity of await this.options.service.listEnvironments()) {
      const name = entity.metadata.name;
      await this.checkOne(entity, now).catch(error =>
        // One environment's failure must not stop the others.
        this.options.logger.error(
          new ForwardedError(`Estimate check of ${name} failed`, error).message,
        ),
      );
    }
  }

  private async checkOne(entity: Entity, now: Date) {
    const name = entity.metadata.name;
    const annotations = entity.metadata.annotations ?? {};
    if (!readStoredEstimate(annotations[ENVIRONMENT_ANNOTATIONS.estimate]))
      return;
    const { runs } = await this.options.store.get(name);
    const readyAt = readyAtOf(runs);
    if (!readyAt) return;
    const window = estimateCheckWindow(readyAt);
    if (!withinCheckDays(window.checkOn, now)) return;
    const check = await checkEstimate({ ...this.options, entity, runs, now });
    if (check.state !== 'checked' || !check.result.outside) return;
    const { result, estimate } = check;
    await this.options.alerts.raise({
      type: 'environment.estimate-gap',
      id: `environment.estimate-gap:${name}:${window.from}`,
      environment: name,
      days: result.days,
      estimated: result.estimated,
      billed: result.billed,
      currency: estimate.currency,
      causes: result.causes.map(c => c.cause),
      entityRef: environmentEntityRef(name),
      link: `/catalog/default/resource/${encodeURIComponent(name)}`,
    });
    this.options.logger.info(
      `${name}: billed ${result.billed} against ${result.estimated} estimated over its first ${result.days} days; told its owners`,
    );
  }
}
