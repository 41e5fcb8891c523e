import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  absoluteLink,
  ChatNotificationProcessor,
  ChatProcessorDeps,
  GivenUpError,
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
export class SlackNotificationProcessor extends ChatNotificationProcessor {
  private readonly client: SlackClient;
  private readonly store: SlackStore;

  constructor(
    options: ChatProcessorDeps & { client: SlackClient; store: SlackStore },
  ) {
    super(options);
    this.client = options.client;
    this.store = options.store;
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
      this.track(
        this.deliver(this.message(channel, options.payload, language)),
      );
    }
    return options;
  }

  private async deliver(message: SlackMessage) {
    this.logger.info(`Slack to ${message.channel}: ${message.text}`);
    try {
      await this.client.postMessage(message);
      this.deliveryMetrics.delivered();
    } catch (error) {
      this.deliveryMetrics.failed();
      await this.recordGivenUp(
        `posting to Slack ${message.channel}`,
        error as GivenUpError,
        ({ message: reason, attempts }) =>
          this.store.recordFailure({
            channel: message.channel,
            title: message.text,
            error: reason,
            attempts: attempts ?? 1,
            failedAt: new Date(),
          }),
      );
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
