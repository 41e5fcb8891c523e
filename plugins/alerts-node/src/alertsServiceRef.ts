import {
  AuthService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AlertEvent, RaiseResult } from './events';

/**
 * Raises alerts. Other backend plugins depend on `alertsServiceRef` and call
 * `raise(event)` when something happened; the alerts backend deduplicates,
 * groups bursts, renders the message (Korean or English) and routes it to
 * the owners of `event.entityRef` in the portal, Slack and KakaoTalk.
 *
 * `raise` never throws: an alert that cannot be delivered must not break the
 * task or pipeline that raised it. The result says what happened.
 *
 * @example
 * ```ts
 * deps: { alerts: alertsServiceRef },
 * // ...
 * await alerts.raise({
 *   type: 'environment.task', action: 'create', environment: 'dev-a',
 *   status: 'failed', taskId: ctx.taskId, entityRef: 'resource:default/env-dev-a',
 *   logTail,
 * });
 * ```
 */
export interface AlertsService {
  raise(event: AlertEvent): Promise<RaiseResult>;
}

/** Calls the alerts backend (`POST /api/alerts/events`) as the calling plugin. */
export class DefaultAlertsService implements AlertsService {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.logger = options.logger;
  }

  async raise(event: AlertEvent): Promise<RaiseResult> {
    try {
      const baseUrl = await this.discovery.getBaseUrl('alerts');
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: 'alerts',
      });
      const response = await fetch(`${baseUrl}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(event),
      });
      if (!response.ok) {
        throw new Error(
          `alerts backend answered ${
            response.status
          }: ${await response.text()}`,
        );
      }
      return (await response.json()) as RaiseResult;
    } catch (error) {
      this.logger.error(`Could not raise ${event.type} alert: ${error}`);
      return { id: event.id ?? '', status: 'failed' };
    }
  }
}

/** The alerts service, for any backend plugin. */
export const alertsServiceRef = createServiceRef<AlertsService>({
  id: 'alerts.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      factory: deps => new DefaultAlertsService(deps),
    }),
});
