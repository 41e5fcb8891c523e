import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  NotificationProcessor,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { AlertsConfig } from './config';
import { DeliveryMetrics, noDeliveryMetrics } from './deliveryMetrics';
import { GroupRouter } from './routing';

/** What a chat channel's notification processor needs from the backend. */
export interface ChatProcessorDeps {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  alertsConfig: AlertsConfig;
  deliveryMetrics?: DeliveryMetrics;
}

/** An error a chat client gave up on, with the attempts it made. */
export type GivenUpError = Error & { attempts?: number };

/**
 * What the Slack and KakaoTalk processors share: the owning groups' routes,
 * and sending in the background, so that a failing chat never delays or
 * fails the sender. A send given up on is logged and recorded.
 */
export abstract class ChatNotificationProcessor
  implements NotificationProcessor
{
  protected readonly router: GroupRouter;
  protected readonly logger: LoggerService;
  protected readonly alertsConfig: AlertsConfig;
  protected readonly deliveryMetrics: DeliveryMetrics;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(deps: ChatProcessorDeps) {
    this.router = new GroupRouter(deps);
    this.logger = deps.logger;
    this.alertsConfig = deps.alertsConfig;
    this.deliveryMetrics = deps.deliveryMetrics ?? noDeliveryMetrics;
  }

  abstract getName(): string;

  abstract processOptions(
    options: NotificationSendOptions,
  ): Promise<NotificationSendOptions>;

  /** Waits until every send started so far has ended (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  /** Lets a send run in the background; `flush` waits for it. */
  protected track(send: Promise<void>): void {
    this.inFlight.add(send);
    send.finally(() => this.inFlight.delete(send));
  }

  /**
   * Logs "Gave up `what`" and keeps the failure with `record`; a failing
   * `record` is logged as well, never thrown.
   */
  protected async recordGivenUp(
    what: string,
    error: GivenUpError,
    record: (error: GivenUpError) => Promise<void>,
  ): Promise<void> {
    this.logger.error(`Gave up ${what}: ${error.message}`);
    try {
      await record(error);
    } catch (storeError) {
      this.logger.error(
        `Could not record the ${this.getName()} failure: ${storeError}`,
      );
    }
  }
}
