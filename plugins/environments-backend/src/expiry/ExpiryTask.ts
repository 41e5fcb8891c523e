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
import type { EnvironmentStore } from '../database/EnvironmentStore';
import { nextDestroyAttempt } from './destroyRetry';

export const NOTIFIED_ANNOTATION = ANNOTATIONS.expiryNotified;

/** The warnings before an expiry, earliest first; each is sent once per expiry. */
export const EXPIRY_WINDOWS = [
  { window: '48h', before: { hours: 48 } },
  { window: '2h', before: { hours: 2 } },
  { window: '30m', before: { minutes: 30 } },
] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number]['window'];

/** Past its expiry by more than this without a destroy run, an environment is reported to the platform admins. */
const OVERDUE_AFTER = { hours: 1 } as const;

export type ExpiryDecision =
  | { kind: 'none' }
  | { kind: 'notify'; window: ExpiryWindow; expiresAt: DateTime }
  | { kind: 'destroy'; expiresAt: DateTime };

function windowRank(window: string | undefined): number {
  return EXPIRY_WINDOWS.findIndex(w => w.window === window);
}

/** The expiry of a non-prod environment, when it has a valid one. */
function expiryOf(entity: Entity): DateTime | undefined {
  const a = entity.metadata.annotations ?? {};
  if (a[ANNOTATIONS.purpose] === 'prod' || !a[ANNOTATIONS.expiresAt])
    return undefined;
  const expiresAt = DateTime.fromISO(a[ANNOTATIONS.expiresAt], { zone: 'utc' });
  return expiresAt.isValid ? expiresAt : undefined;
}

/**
 * What to do with one environment now. Pure, so it is easy to test. A
 * warning window opens at its threshold (exactly 48 h before is in the 48 h
 * window); when runs missed a window only the latest open one is sent.
 */
export function decideExpiry(entity: Entity, now: DateTime): ExpiryDecision {
  const a = entity.metadata.annotations ?? {};
  const expiresAt = expiryOf(entity);
  if (!expiresAt || a[ANNOTATIONS.status] === 'destroying')
    return { kind: 'none' };
  if (expiresAt <= now) return { kind: 'destroy', expiresAt };
  const open = [...EXPIRY_WINDOWS]
    .reverse()
    .find(w => now >= expiresAt.minus(w.before));
  if (!open) return { kind: 'none' };
  // The annotation names the latest window told (setExpiry clears it).
  return windowRank(a[NOTIFIED_ANNOTATION]) >= windowRank(open.window)
    ? { kind: 'none' }
    : { kind: 'notify', window: open.window, expiresAt };
}

/** Past its expiry by more than OVERDUE_AFTER (exactly an hour is not yet). */
function isOverdue(expiresAt: DateTime, now: DateTime): boolean {
  return now > expiresAt.plus(OVERDUE_AFTER);
}

/** Whether a destroy run is recorded for an environment (since its latest create). */
export interface DestroyRuns {
  hasDestroyRun(name: string): Promise<boolean>;
  /** When a destroy may be tried again after failed ones (nextDestroyAttempt). */
  nextDestroyAttempt(name: string): Promise<Date | undefined>;
}

/** Destroy runs as the environments plugin's store records them. */
export function storeDestroyRuns(
  store: Pick<EnvironmentStore, 'get'>,
): DestroyRuns {
  return {
    async hasDestroyRun(name) {
      // Newest first: a destroy before the latest create was another life.
      const { runs } = await store.get(name);
      const last = runs.find(
        r => r.operation === 'destroy' || r.operation === 'create',
      );
      return last?.operation === 'destroy';
    },
    async nextDestroyAttempt(name) {
      return nextDestroyAttempt((await store.get(name)).runs);
    },
  };
}

/** The environment page of an environment, with its extend dialog open. */
function extendLink(name: string): string {
  return `/catalog/default/resource/${encodeURIComponent(name)}?extend=1`;
}

/**
 * Destroys non-prod environments past their expiry, through the same
 * Jenkins pipeline and IaC commits as the delete template, after warning
 * the owners 48 hours, 2 hours and 30 minutes before. Runs every minute,
 * so a destroy starts within a couple of minutes of the expiry; after a
 * failed destroy it waits 5 minutes before the next, doubling per failure
 * up to 6 hours (destroyRetry.ts). Global:
 * the scheduler runs it on one replica at a time.
 *
 * Warnings and the outcome go through the alerts plugin (portal, Slack,
 * KakaoTalk, the owners' muting and language); each warning links to the
 * environment page's extend dialog. A warning is claimed twice over: its
 * alert id names the environment, its expiry and the window (the alerts
 * backend drops a repeated id, so a restart, a second replica or a catalog
 * that has not yet read the `expiry-notified` annotation back never sends
 * it twice), and the annotation records the latest window told, so later
 * runs do not raise it again. An extended expiry has other ids, and
 * setExpiry clears the annotation, so it gets warnings of its own.
 *
 * An environment more than an hour past its expiry with no destroy run
 * recorded (its destroy could not start) is reported once per expiry to
 * the platform admins' group.
 */
export class ExpiryTask {
  private readonly service: EnvironmentService;
  private readonly alerts: AlertsService;
  private readonly logger: LoggerService;
  private readonly recorder: EnvironmentRunRecorder;
  private readonly runs?: DestroyRuns;
  private readonly adminGroup: string;
  /** Overdue alerts raised by this replica (the alert id makes it once across replicas). */
  private readonly overdueRaised = new Set<string>();

  constructor(options: {
    service: EnvironmentService;
    alerts: AlertsService;
    logger: LoggerService;
    recorder: EnvironmentRunRecorder;
    /** Without it, no overdue check. */
    runs?: DestroyRuns;
    /** Entity ref of the platform admins' group. */
    adminGroup?: string;
  }) {
    this.service = options.service;
    this.alerts = options.alerts;
    this.logger = options.logger;
    this.recorder = options.recorder;
    this.runs = options.runs;
    this.adminGroup = options.adminGroup ?? 'group:default/platform-admins';
  }

  static async schedule(options: {
    service: EnvironmentService;
    alerts: AlertsService;
    scheduler: SchedulerService;
    logger: LoggerService;
    config: Config;
    recorder: EnvironmentRunRecorder;
    runs?: DestroyRuns;
  }) {
    const task = new ExpiryTask({
      ...options,
      adminGroup:
        options.config.getOptionalString('platform.environments.adminGroup') ??
        'group:default/platform-admins',
    });
    const schedule = options.config.has('platform.environments.expiry.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          options.config.getConfig('platform.environments.expiry.schedule'),
        )
      : {
          frequency: { minutes: 1 },
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
        if (decision.kind === 'destroy' && (await this.mayDestroy(name, now)))
          await this.destroy(entity, decision.expiresAt);
      } catch (error) {
        // One environment's failure must not stop the others.
        this.logger.error(
          new ForwardedError(`Expiry of ${name} failed`, error).message,
        );
      }
      // After the destroy: one that started just now has recorded its run.
      await this.checkOverdue(entity, now).catch(error =>
        this.logger.error(
          new ForwardedError(`Overdue check of ${name} failed`, error).message,
        ),
      );
    }
  }

  /** Not while waiting out the backoff after failed destroys. */
  private async mayDestroy(name: string, now: DateTime) {
    const next = await this.runs?.nextDestroyAttempt(name);
    if (!next || now.toMillis() >= next.getTime()) return true;
    this.logger.debug(
      `${name}: its last destroy failed; trying again at ${next.toISOString()}`,
    );
    return false;
  }

  private async checkOverdue(entity: Entity, now: DateTime) {
    const expiresAt = expiryOf(entity);
    if (!this.runs || !expiresAt || !isOverdue(expiresAt, now)) return;
    const name = entity.metadata.name;
    const id = overdueAlertId(name, expiresAt.toISO()!);
    if (this.overdueRaised.has(id)) return;
    if (await this.runs.hasDestroyRun(name)) return;
    const result = await this.alerts.raise({
      type: 'environment.expiry',
      id,
      environment: name,
      expiresAt: expiresAt.toISO()!,
      overdue: true,
      entityRef: this.adminGroup,
      link: `/catalog/default/resource/${encodeURIComponent(name)}`,
    });
    if (result.status === 'failed') return;
    this.overdueRaised.add(id);
    this.logger.warn(
      `${name} is past its expiry (${expiresAt.toISO()}) by more than an hour without a destroy run; told ${
        this.adminGroup
      }`,
    );
  }

  private async notify(
    entity: Entity,
    window: ExpiryWindow,
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
      link: extendLink(name),
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
  window: ExpiryWindow,
) {
  return `environment.expiry:${name}:${expiresAt}:${window}`;
}

/** One id per environment and expiry for the platform admins' overdue alert. */
export function overdueAlertId(name: string, expiresAt: string) {
  return `environment.expiry-overdue:${name}:${expiresAt}`;
}

function ownerRef(entity: Entity): string {
  return stringifyEntityRef(
    parseEntityRef(String(entity.spec?.owner), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
}
