import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AlertEvent,
  AlertsService,
  LANGUAGE_METADATA_KEY,
  RaiseResult,
  UserLanguages,
} from '@internal/plugin-alerts-node';
import { LANGUAGES } from '@internal/i18n-common';
import { DatabaseAlertsStore, keyOf } from '../database/DatabaseAlertsStore';
import { burstKeyOf, defaultEventId } from './eventSchema';
import {
  Language,
  renderAlert,
  renderDigest,
  RenderedAlert,
} from './templates';
import { usersReachedBy } from './RecipientUsers';

/**
 * The heart of the alerts plugin: `raise` deduplicates an event by id in the
 * database, sends the first of a burst at once and holds the rest for one
 * digest (`flushBursts`, run by a scheduled task) and hands it to the
 * notifications plugin with the event's entity as recipient, so its owners
 * get it in the portal and the Slack and KakaoTalk processors route it to
 * their channels. It goes out once per language, each copy addressed to
 * the users who chose that language in Settings (others excluded; users
 * without a choice get the default language) and marked with its language
 * (`metadata.language`), so each chat channel posts the copy in its own
 * language. A digest is rendered whole in one language.
 */
export class AlertsManager implements AlertsService {
  private readonly store: DatabaseAlertsStore;
  private readonly notifications: NotificationService;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly defaultLanguage: Language;
  private readonly userLanguages: UserLanguages;
  private readonly burstWindowMs: number;
  private readonly fallbackRecipients: string[];
  private readonly now: () => Date;

  constructor(options: {
    store: DatabaseAlertsStore;
    notifications: NotificationService;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    defaultLanguage: Language;
    userLanguages: UserLanguages;
    burstWindowMs: number;
    fallbackRecipients: string[];
    now?: () => Date;
  }) {
    this.store = options.store;
    this.notifications = options.notifications;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
    this.defaultLanguage = options.defaultLanguage;
    this.userLanguages = options.userLanguages;
    this.burstWindowMs = options.burstWindowMs;
    this.fallbackRecipients = options.fallbackRecipients;
    this.now = options.now ?? (() => new Date());
  }

  async raise(event: AlertEvent): Promise<RaiseResult> {
    const id = event.id ?? defaultEventId(event);
    const burstKey = burstKeyOf(event);
    const now = this.now();
    const claimed = await this.store.claim({
      eventId: id,
      burstKey,
      event: { ...event, id },
      now,
    });
    if (!claimed) {
      this.logger.info(`Alert ${id} was raised before; not sending it again`);
      return { id, status: 'duplicate' };
    }
    const key = keyOf(id);
    const lastSent = await this.store.lastSentAt(burstKey);
    if (lastSent && now.getTime() - lastSent.getTime() < this.burstWindowMs) {
      await this.store.setStatus([key], 'grouped');
      this.logger.info(`Alert ${id} joins a burst; it goes out in a digest`);
      return { id, status: 'grouped' };
    }
    try {
      await this.send(event, lang => renderAlert(event, lang), id);
      await this.store.setStatus([key], 'sent', { sentAt: now });
      return { id, status: 'sent' };
    } catch (error) {
      this.logger.error(`Could not send alert ${id}: ${error}`);
      await this.store.setStatus([key], 'failed', { error: String(error) });
      return { id, status: 'failed' };
    }
  }

  /** Sends one digest per burst whose window has passed. */
  async flushBursts(): Promise<number> {
    let sent = 0;
    const now = this.now();
    for (const burstKey of await this.store.groupedBurstKeys()) {
      const lastSent = await this.store.lastSentAt(burstKey);
      if (lastSent && now.getTime() - lastSent.getTime() < this.burstWindowMs) {
        continue;
      }
      const taken = await this.store.takeGrouped(burstKey, now);
      if (taken.length === 0) continue;
      const events = taken.map(t => t.event);
      try {
        await this.send(
          events[0],
          lang => renderDigest(events, lang),
          `digest:${taken[0].eventId}`,
        );
        sent += 1;
      } catch (error) {
        this.logger.error(`Could not send digest for ${burstKey}: ${error}`);
        await this.store.setStatus(
          taken.map(t => t.key),
          'failed',
          { error: String(error) },
        );
      }
    }
    return sent;
  }

  private async send(
    event: AlertEvent,
    render: (language: Language) => RenderedAlert,
    scope: string,
  ) {
    const recipients = await this.recipientsFor(event);
    const users = await usersReachedBy(recipients, {
      catalog: this.catalog,
      auth: this.auth,
    });
    const chosen = await this.userLanguages.languagesOf(users);
    const languageOf = (user: string) =>
      chosen.get(user) ?? this.defaultLanguage;
    for (const language of LANGUAGES) {
      const alert = render(language);
      const others = users.filter(u => languageOf(u) !== language);
      const readers = users.length - others.length;
      this.logger.info(
        `Alert (${language}, ${readers} user(s)) to ${recipients.join(', ')}: ${
          alert.title
        }${
          alert.description
            ? ` / ${alert.description.replace(/\n/g, ' / ')}`
            : ''
        } (${alert.link})`,
      );
      // Sent even to no user: the Slack and KakaoTalk processors post it
      // to the channels whose language it is.
      await this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(others.length > 0 ? { excludeEntityRef: others } : {}),
        },
        payload: {
          title: alert.title,
          description: alert.description || undefined,
          link: alert.link,
          severity: alert.severity,
          topic: event.type,
          scope,
          metadata: { [LANGUAGE_METADATA_KEY]: language },
        },
      });
    }
  }

  /**
   * The event's entity when it is in the catalog with an owner (the
   * notifications plugin and the channel processors resolve its owners);
   * otherwise the fallback recipients, so an alert never goes nowhere.
   */
  private async recipientsFor(event: AlertEvent): Promise<string[]> {
    if (event.entityRef) {
      const ref = stringifyEntityRef(parseEntityRef(event.entityRef));
      const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
      if (kind === 'group' || kind === 'user') return [ref];
      const entity = await this.catalog.getEntityByRef(ref, {
        credentials: await this.auth.getOwnServiceCredentials(),
      });
      if (entity?.relations?.some(r => r.type === RELATION_OWNED_BY)) {
        return [ref];
      }
      this.logger.warn(
        `Alert entity ${ref} is not in the catalog or has no owner; sending to ${this.fallbackRecipients.join(
          ', ',
        )}`,
      );
    }
    return this.fallbackRecipients;
  }
}
