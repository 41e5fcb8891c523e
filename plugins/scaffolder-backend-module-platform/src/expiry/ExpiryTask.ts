import {
  LoggerService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ForwardedError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DateTime } from 'luxon';
import { EnvironmentService } from '../environment/EnvironmentService';
import { ANNOTATIONS } from '../environment/options';

export const NOTIFIED_ANNOTATION = 'platform.acme.io/expiry-notified';

export type ExpiryDecision =
  | { kind: 'none' }
  | { kind: 'notify'; window: 'day' | 'hour'; expiresAt: DateTime }
  | { kind: 'destroy'; expiresAt: DateTime };

/** What to do with one environment now. Pure, so it is easy to test. */
export function decideExpiry(entity: Entity, now: DateTime): ExpiryDecision {
  const a = entity.metadata.annotations ?? {};
  if (a[ANNOTATIONS.purpose] === 'prod' || !a[ANNOTATIONS.expiresAt]) return { kind: 'none' };
  if (a[ANNOTATIONS.status] === 'destroying') return { kind: 'none' };
  const expiresAt = DateTime.fromISO(a[ANNOTATIONS.expiresAt], { zone: 'utc' });
  if (!expiresAt.isValid) return { kind: 'none' };
  if (expiresAt <= now) return { kind: 'destroy', expiresAt };
  const notified = a[NOTIFIED_ANNOTATION];
  if (expiresAt.diff(now).as('hours') <= 1) {
    return notified === 'hour' ? { kind: 'none' } : { kind: 'notify', window: 'hour', expiresAt };
  }
  if (expiresAt.diff(now).as('hours') <= 24) {
    return notified === 'day' || notified === 'hour' ? { kind: 'none' } : { kind: 'notify', window: 'day', expiresAt };
  }
  return { kind: 'none' };
}

/**
 * Destroys non-prod environments past their expiry, through the same
 * Jenkins pipeline and IaC commits as the delete template, after telling
 * the owners a day and an hour before. Global: one run per cadence across
 * backend replicas.
 */
export class ExpiryTask {
  private readonly service: EnvironmentService;
  private readonly notifications: NotificationService;
  private readonly logger: LoggerService;

  constructor(options: { service: EnvironmentService; notifications: NotificationService; logger: LoggerService }) {
    this.service = options.service;
    this.notifications = options.notifications;
    this.logger = options.logger;
  }

  static async schedule(options: {
    service: EnvironmentService;
    notifications: NotificationService;
    scheduler: SchedulerService;
    logger: LoggerService;
    config: Config;
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

  async run(now = DateTime.utc()) {
    const entities = await this.service.listEnvironments();
    for (const entity of entities) {
      const decision = decideExpiry(entity, now);
      const name = entity.metadata.name;
      try {
        if (decision.kind === 'notify') await this.notify(entity, decision.window, decision.expiresAt);
        if (decision.kind === 'destroy') await this.destroy(entity);
      } catch (error) {
        // One environment's failure must not stop the others.
        this.logger.error(new ForwardedError(`Expiry of ${name} failed`, error).message);
      }
    }
  }

  private async notify(entity: Entity, window: 'day' | 'hour', expiresAt: DateTime) {
    const name = entity.metadata.name;
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: String(entity.spec?.owner) },
      payload: {
        title: `Environment ${name} will be destroyed ${window === 'day' ? 'within a day' : 'within an hour'}`,
        description: `${name} expires at ${expiresAt.toISO()}. Extend its expiry on its page to keep it.`,
        link: `/catalog/default/resource/${name}`,
        severity: window === 'hour' ? 'high' : 'normal',
        topic: `environment-expiry:${name}`,
      },
    });
    await this.service.updateAnnotations(name, { [NOTIFIED_ANNOTATION]: window }, `${name}: owners told of expiry (${window})`);
    this.logger.info(`Told the owners of ${name} it expires at ${expiresAt.toISO()}`);
  }

  private async destroy(entity: Entity) {
    const name = entity.metadata.name;
    this.logger.info(`${name} expired; destroying it`);
    const result = await this.service.destroy(name, { info: m => this.logger.info(`[${name}] ${m}`) });
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: String(entity.spec?.owner) },
      payload: {
        title: result === 'SUCCESS' ? `Environment ${name} expired and was destroyed` : `Destroying expired environment ${name} failed (${result})`,
        link: `/catalog/default/resource/${name}`,
        severity: result === 'SUCCESS' ? 'normal' : 'high',
        topic: `environment-expiry:${name}`,
      },
    });
  }
}
