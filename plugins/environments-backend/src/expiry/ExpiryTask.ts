import {
  LoggerService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import { AlertsService } from '@internal/plugin-alerts-node';
import { DateTime } from 'luxon';
import { ENVIRONMENT_ANNOTATIONS as ANNOTATIONS } from '@internal/plugin-environments-common';
import {
  EnvironmentService,
  type EnvironmentRunRecorder,
} from '@internal/plugin-environments-node';

export const NOTIFIED_ANNOTATION = ANNOTATIONS.expiryNotified;

export type ExpiryDecision =
  | { kind: 'none' }
  | { kind: 'notify'; window: 'day' | 'hour'; expiresAt: DateTime }
  | { kind: 'destroy'; expiresAt: DateTime };

/** What to do with one environment now. Pure, so it is easy to test. */
export function decideExpiry(entity: Entity, now: DateTime): ExpiryDecision {
  const a = entity.metadata.annotations ?? {};
  if (a[ANNOTATIONS.purpose] === 'prod' || !a[ANNOTATIONS.expiresAt])
    return { kind: 'none' };
  if (a[ANNOTATIONS.status] === 'destroying') return { kind: 'none' };
  const expiresAt = DateTime.fromISO(a[ANNOTATIONS.expiresAt], { zone: 'utc' });
  if (!expiresAt.isValid) return { kind: 'none' };
  if (expiresAt <= now) return { kind: 'destroy', expiresAt };
  const notified = a[NOTIFIED_ANNOTATION];
  if (expiresAt.diff(now).as('hours') <= 1) {
    return notified === 'hour'
      ? { kind: 'none' }
      : { kind: 'notify', window: 'hour', expiresAt };
  }
  if (expiresAt.diff(now).as('hours') <= 24) {
    return notified === 'day' || notified === 'hour'
      ? { kind: 'none' }
      : { kind: 'notify', window: 'day', expiresAt };
  }
  return { kind: 'none' };
}

/**
 * Destroys non-prod environments past their expiry, through the same
 * Jenkins pipeline and IaC commits as the delete template, after warning
 * the owners a day and an hour before. Global: one run per cadence across
 * backend replicas.
 *
 * Warnings and the outcome go through the alerts plugin (portal, Slack,
 * KakaoTalk, the owners' muting and language). Each warning's id names the
 * environment, its expiry and the window, so a restart, a second replica or
 * a catalog that has not yet read the `expiry-notified` annotation back
 * never sends it twice, while an extended expiry gets warnings of its own.
 */
export class ExpiryTask {
  private readonly service: EnvironmentService;
  private readonly alerts: AlertsService;
  private readonly logger: LoggerService;
  private readonly recorder: EnvironmentRunRecorder;

  constructor(options: {
    service: EnvironmentService;
    alerts: AlertsService;
    logger: LoggerService;
    recorder: EnvironmentRunRecorder;
  }) {
    this.service = options.service;
    this.alerts = options.alerts;
    this.logger = options.logger;
    this.recorder = options.recorder;
  }

  static async schedule(options: {
    service: EnvironmentService;
    alerts: AlertsService;
    scheduler: SchedulerService;
    logger: LoggerService;
    config: Config;
    recorder: EnvironmentRunRecorder;
  }) {
    const task = new ExpiryTask(options);
    const schedule = options.config.has('platform.environments.expiry.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          options.config.getConfig('platform.environments.expiry.schedule'),
        )
      : {
          frequency: { minutes: 10 },
          timeout: { hours: 2 },
          initialDelay: { minutes: 1 },
        };
    await options.scheduler.scheduleTask({
      id: 'platform-environment-expiry',
      scope: 'global',
      ...schedule,
      fn: () => task.run(),
    });
    return task;
  }

  async run(now: DateTime = DateTime.utc()) {
    const entities = await this.service.listEnvironments();
    for (const entity of entities) {
      const decision = decideExpiry(entity, now);
      const name = entity.metadata.name;
      try {
        if (decision.kind === 'notify')
          await this.notify(entity, decision.window, decision.expiresAt);
        if (decision.kind === 'destroy')
          await this.destroy(entity, decision.expiresAt);
      } catch (error) {
        // One environment's failure must not stop the others.
        this.logger.error(
          new ForwardedError(`Expiry of ${name} failed`, error).message,
        );
      }
    }
  }

  private async notify(
    entity: Entity,
    window: 'day' | 'hour',
    expiresAt: DateTime,
  ) {
    const name = entity.metadata.name;
    const expiry = expiresAt.toISO()!;
    const result = await this.alerts.raise({
      type: 'environment.expiry',
      id: expiryAlertId(name, expiry, window),
      environment: name,
      expiresAt: expiry,
      entityRef: stringifyEntityRef(entity),
      link: `/catalog/default/resource/${name}`,
    });
    if (result.status === 'failed') {
      // Not marked as told: the next run raises it again, with the same id.
      this.logger.warn(
        `Could not warn the owners of ${name} of its expiry (${window}); trying again next run`,
      );
      return;
    }
    await this.service.updateAnnotations(
      name,
      { [NOTIFIED_ANNOTATION]: window },
      `${name}: owners told of expiry (${window})`,
    );
    this.logger.info(
      `Warned the owners of ${name} it expires at ${expiry} (${result.status})`,
    );
  }

  private async destroy(entity: Entity, expiresAt: DateTime) {
    const name = entity.metadata.name;
    this.logger.info(`${name} expired; destroying it`);
    // A run going (someone's update or destroy) makes this a ConflictError: the next run tries again.
    const run = await this.recorder.start(name, {
      operation: 'destroy',
      requestedBy: 'expiry',
      state: 'destroying',
    });
    const result = await this.service
      .destroy(name, { info: m => this.logger.info(`[${name}] ${m}`) }, build =>
        this.recorder.setBuild(run.id, build),
      )
      .catch(async error => {
        await this.recorder.finish(run.id, {
          result: 'FAILURE',
          state: 'failed',
          by: 'expiry',
        });
        throw error;
      });
    await this.recorder.finish(run.id, {
      result,
      state: result === 'SUCCESS' ? 'destroyed' : 'failed',
      by: 'expiry',
    });
    // Raised to the owner group: after a successful destroy the environment
    // has left the catalog, and its owners would no longer be found through it.
    await this.alerts.raise({
      type: 'environment.task',
      id: `environment.expiry-destroy:${name}:${expiresAt.toISO()}`,
      action: 'delete',
      environment: name,
      status: result === 'SUCCESS' ? 'completed' : 'failed',
      taskId: `expiry-${name}`,
      entityRef: ownerRef(entity),
      link:
        result === 'SUCCESS'
          ? '/catalog?filters[kind]=resource'
          : `/catalog/default/resource/${name}`,
      logTail:
        result === 'SUCCESS'
          ? undefined
          : `The destroy pipeline ended ${result}; the environment is marked failed.`,
    });
  }
}

/** One id per environment, expiry and warning window. */
export function expiryAlertId(
  name: string,
  expiresAt: string,
  window: 'day' | 'hour',
) {
  return `environment.expiry:${name}:${expiresAt}:${window}`;
}

function ownerRef(entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(String(entity.spec?.owner), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
}
