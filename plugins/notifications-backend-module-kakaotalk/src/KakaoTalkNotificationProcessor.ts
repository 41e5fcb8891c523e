import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Notification } from '@backstage/plugin-notifications-common';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  absoluteLink,
  ChatNotificationProcessor,
  ChatProcessorDeps,
  GivenUpError,
  KAKAO_USER_ANNOTATION,
  openInPortalText,
  payloadLanguage,
} from '@internal/plugin-alerts-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { KakaoTalkClient, KakaoTextTemplate } from './KakaoTalkClient';
import { KakaoTalkStore } from './database/KakaoTalkStore';

const MAX_TEXT = 200;

/**
 * Sends notifications to KakaoTalk:
 * - once per notification, to the Kakao receivers of each group that owns
 *   the recipient entity (group annotation `kakao.com/receiver-uuids` or
 *   `alerts.groups.<name>.kakaoReceiverUuids`);
 * - to each recipient user with a `kakao.com/uuid` annotation who has not
 *   muted the topic for KakaoTalk in their notification settings (the
 *   notifications backend only calls `postProcess` for those).
 * An alert is sent once per language (payload `metadata.language`): a
 * group's receivers get the one in the group's KakaoTalk language
 * (`alerts.groups.<name>.kakaoLanguage`, else `alerts.defaultLanguage`); a
 * user gets the one the alerts backend addressed to them, in the language
 * they chose in Settings. The receivers of one notification are gathered
 * for a moment and sent in calls of at most 5. Sending happens in the background: a failing KakaoTalk
 * never delays or fails the sender.
 */
export class KakaoTalkNotificationProcessor extends ChatNotificationProcessor {
  private readonly client: KakaoTalkClient;
  private readonly store: KakaoTalkStore;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly batchWindowMs: number;
  private readonly sendToMe: boolean;
  private readonly pending = new Map<
    string,
    { payload: NotificationPayload; uuids: Set<string>; timer: NodeJS.Timeout }
  >();

  constructor(
    options: ChatProcessorDeps & {
      client: KakaoTalkClient;
      store: KakaoTalkStore;
      /** `alerts.kakaotalk.sendToMe`. */
      sendToMe: boolean;
      /** `alerts.kakaotalk.batchWindowMs`. */
      batchWindowMs: number;
    },
  ) {
    super(options);
    this.client = options.client;
    this.store = options.store;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.batchWindowMs = options.batchWindowMs;
    this.sendToMe = options.sendToMe;
  }

  getName(): string {
    return 'KakaoTalk';
  }

  async processOptions(
    options: NotificationSendOptions,
  ): Promise<NotificationSendOptions> {
    if (options.recipients.type !== 'entity') {
      return options;
    }
    const refs = [options.recipients.entityRef].flat();
    const routes = await this.router.routesFor(refs);
    const { defaultLanguage } = this.alertsConfig;
    const language = payloadLanguage(options.payload, defaultLanguage);
    const uuids = routes.flatMap(r =>
      r.kakaoLanguage === language ? r.kakaoReceiverUuids : [],
    );
    this.enqueue(options.payload, uuids);
    if (this.sendToMe && language === defaultLanguage) {
      this.track(this.deliverToMe(options.payload));
    }
    return options;
  }

  async postProcess(
    notification: Notification,
    _options: NotificationSendOptions,
  ): Promise<void> {
    if (!notification.user) return;
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: [notification.user], fields: ['metadata.annotations'] },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const uuid = items[0]?.metadata.annotations?.[KAKAO_USER_ANNOTATION];
    if (!uuid) {
      this.logger.debug(
        `No ${KAKAO_USER_ANNOTATION} on ${
          parseEntityRef(notification.user).name
        }; no KakaoTalk message`,
      );
      return;
    }
    this.enqueue(notification.payload, [uuid]);
  }

  /** Waits until everything queued so far was sent or given up on (tests, shutdown). */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) {
      this.sendPending(key);
    }
    await super.flush();
  }

  private enqueue(payload: NotificationPayload, uuids: string[]) {
    if (uuids.length === 0) return;
    const key = `${payload.scope ?? ''}\u0000${payload.title}\u0000${
      payload.link ?? ''
    }`;
    const existing = this.pending.get(key);
    if (existing) {
      uuids.forEach(u => existing.uuids.add(u));
      return;
    }
    const timer = setTimeout(() => this.sendPending(key), this.batchWindowMs);
    timer.unref?.();
    this.pending.set(key, { payload, uuids: new Set(uuids), timer });
  }

  private sendPending(key: string) {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    clearTimeout(entry.timer);
    this.track(this.deliverToFriends(entry.payload, [...entry.uuids]));
  }

  private async deliverToFriends(
    payload: NotificationPayload,
    uuids: string[],
  ) {
    const template = this.template(payload);
    this.logger.info(
      `KakaoTalk to ${uuids.length} receiver(s): ${template.text.replace(
        /\n/g,
        ' / ',
      )}`,
    );
    try {
      const delivered = await this.client.sendToFriends(uuids, template);
      this.deliveryMetrics.delivered(delivered.length);
      // Receivers Kakao refused (failure_info) were not delivered.
      this.deliveryMetrics.failed(uuids.length - delivered.length);
    } catch (error) {
      // A call given up on counts all of the notification's receivers.
      this.deliveryMetrics.failed(uuids.length);
      await this.recordFailure(uuids, payload, error as GivenUpError);
    }
  }

  private async deliverToMe(payload: NotificationPayload) {
    const template = this.template(payload);
    this.logger.info(`KakaoTalk to me: ${template.text.replace(/\n/g, ' / ')}`);
    try {
      await this.client.sendToMe(template);
      this.deliveryMetrics.delivered();
    } catch (error) {
      this.deliveryMetrics.failed();
      await this.recordFailure('me', payload, error as GivenUpError);
    }
  }

  private recordFailure(
    receivers: string[] | 'me',
    payload: NotificationPayload,
    error: GivenUpError,
  ) {
    return this.recordGivenUp(
      `sending "${payload.title}" to KakaoTalk`,
      error,
      ({ message, attempts }) =>
        this.store.recordFailure({
          receivers,
          title: payload.title,
          error: message,
          attempts: attempts ?? 1,
          failedAt: new Date(),
        }),
    );
  }

  private template(payload: NotificationPayload): KakaoTextTemplate {
    const url = absoluteLink(this.alertsConfig, payload.link);
    let text = payload.description
      ? `${payload.title}\n${payload.description}`
      : payload.title;
    if (text.length > MAX_TEXT) {
      text = `${text.slice(0, MAX_TEXT - 1)}…`;
    }
    return {
      object_type: 'text',
      text,
      link: { web_url: url, mobile_web_url: url },
      button_title: openInPortalText(
        payloadLanguage(payload, this.alertsConfig.defaultLanguage),
      ),
    };
  }
}
