import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  NotificationProcessor,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  absoluteLink,
  AlertsConfig,
  DeliveryMetrics,
  GroupRouter,
  noDeliveryMetrics,
  Language,
  openInPortalText,
  payloadLanguage,
} from '@internal/plugin-alerts-node';
import { SlackClient, SlackMessage } from './SlackClient';
import { SlackStore } from './database/SlackStore';

const MAX_SECTION_TEXT = 3000;

/** Slack mrkdwn needs &, < and > escaped. */
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Posts each notification sent to an entity once to the Slack channel of
 * every group that owns it. Channels are shared by a team, so this is
 * not per user: a user's mute applies to the portal and their personal
 * KakaoTalk, not to the team channel. An alert is sent once per language
 * (payload `metadata.language`); a channel gets the one in its language
 * (`alerts.groups.<name>.slackLanguage`, else `alerts.defaultLanguage`).
 * Sending happens in the background: a failing Slack never delays or fails
 * the sender.
 */
export class SlackNotificationProcessor implements NotificationProcessor {
  private readonly client: SlackClient;
  private readonly store: SlackStore;
  private readonly router: GroupRouter;
  private readonly logger: LoggerService;
  private readonly alertsConfig: AlertsConfig;
  private readonly deliveryMetrics: DeliveryMetrics;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: {
    client: SlackClient;
    store: SlackStore;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    alertsConfig: AlertsConfig;
    deliveryMetrics?: DeliveryMetrics;
  }) {
    this.client = options.client;
    this.store = options.store;
    this.logger = options.logger;
    this.alertsConfig = options.alertsConfig;
    this.deliveryMetrics = options.deliveryMetrics ?? noDeliveryMetrics;
    this.router = new GroupRouter(options);
  }

  getName(): string {
    return 'Slack';
  }

  async processOptions(
    options: NotificationSendOptions,
  ): Promise<NotificationSendOptions> {
    if (options.recipients.type !== 'entity') {
      return options;
    }
    const routes = await this.router.routesFor(
      [options.recipients.entityRef].flat(),
    );
    const language = payloadLanguage(
      options.payload,
      this.alertsConfig.defaultLanguage,
    );
    const channels = [
      ...new Set(
        routes.flatMap(r =>
          r.slackChannel && r.slackLanguage === language
            ? [r.slackChannel]
            : [],
        ),
      ),
    ];
    for (const channel of channels) {
      const promise = this.deliver(
        this.message(channel, options.payload, language),
      );
      this.inFlight.add(promise);
      promise.finally(() => this.inFlight.delete(promise));
    }
    return options;
  }

  /** Waits for messages in flight (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  private async deliver(message: SlackMessage) {
    this.logger.info(`Slack to ${message.channel}: ${message.text}`);
    try {
      await this.client.postMessage(message);
      this.deliveryMetrics.delivered();
    } catch (e) {
      this.deliveryMetrics.failed();
      const error = e as Error & { attempts?: number };
      this.logger.error(
        `Gave up posting to Slack ${message.channel}: ${error.message}`,
      );
      try {
        await this.store.recordFailure({
          channel: message.channel,
          title: message.text,
          error: error.message,
          attempts: error.attempts ?? 1,
          failedAt: new Date(),
        });
      } catch (storeError) {
        this.logger.error(`Could not record the Slack failure: ${storeError}`);
      }
    }
  }

  private message(
    channel: string,
    payload: NotificationPayload,
    language: Language,
  ): SlackMessage {
    const url = absoluteLink(this.alertsConfig, payload.link);
    const open = openInPortalText(language);
    let body = `*${escape(payload.title)}*`;
    if (payload.description) {
      body += `\n${escape(payload.description)}`;
    }
    if (body.length > MAX_SECTION_TEXT) {
      body = `${body.slice(0, MAX_SECTION_TEXT - 1)}…`;
    }
    return {
      channel,
      text: payload.title,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: body } },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `<${url}|${open}>` }],
        },
      ],
    };
  }
}
