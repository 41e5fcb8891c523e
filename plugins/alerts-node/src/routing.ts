import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  isGroupEntity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AlertsConfig } from './config';
import { Language } from './languages';

/** Group annotation: the Slack channel (name `#x` or id) for the group's alerts. */
export const SLACK_CHANNEL_ANNOTATION = 'slack.com/channel';
/** Group annotation: comma-separated Kakao friend uuids that get the group's alerts. */
export const KAKAO_RECEIVERS_ANNOTATION = 'kakao.com/receiver-uuids';
/** User annotation: the user's Kakao friend uuid (per-user, mutable in settings). */
export const KAKAO_USER_ANNOTATION = 'kakao.com/uuid';

/** Where one owner group's alerts go outside the portal, and in which language. */
export interface GroupRoute {
  groupRef: string;
  slackChannel?: string;
  /** `alerts.groups.<name>.slackLanguage`, else `alerts.defaultLanguage`. */
  slackLanguage: Language;
  kakaoReceiverUuids: string[];
  /** `alerts.groups.<name>.kakaoLanguage`, else `alerts.defaultLanguage`. */
  kakaoLanguage: Language;
}

/**
 * Finds the groups that own the notification's recipient entities (a group
 * recipient is its own owner; users are skipped: they get their alerts
 * personally) and where each wants its alerts: the group's annotations
 * first, else `alerts.groups.<name>` in config (read once, at construction).
 */
export class GroupRouter {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly alertsConfig: AlertsConfig;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    alertsConfig: AlertsConfig;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
    this.alertsConfig = options.alertsConfig;
  }

  async routesFor(entityRefs: string[]): Promise<GroupRoute[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const groupRefs = new Set<string>();
    const others: string[] = [];
    for (const ref of entityRefs) {
      const kind = parseEntityRef(ref).kind.toLocaleLowerCase('en-US');
      if (kind === 'group')
        groupRefs.add(stringifyEntityRef(parseEntityRef(ref)));
      else if (kind !== 'user') others.push(ref);
    }
    if (others.length > 0) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: others, fields: ['kind', 'metadata', 'relations'] },
        { credentials },
      );
      items.forEach((entity, i) => {
        if (!entity) {
          this.logger.warn(
            `Alert recipient ${others[i]} is not in the catalog`,
          );
          return;
        }
        for (const r of entity.relations ?? []) {
          if (
            r.type === RELATION_OWNED_BY &&
            parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') ===
              'group'
          ) {
            groupRefs.add(r.targetRef);
          }
        }
      });
    }
    if (groupRefs.size === 0) return [];
    const refs = [...groupRefs];
    const { items: groups } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata'] },
      { credentials },
    );
    return refs.map((groupRef, i) => this.routeOf(groupRef, groups[i]));
  }

  private routeOf(groupRef: string, group: Entity | undefined): GroupRoute {
    const name = parseEntityRef(groupRef).name;
    const annotations =
      group && isGroupEntity(group) ? group.metadata.annotations ?? {} : {};
    const fromConfig = this.alertsConfig.groups.get(name);
    const { defaultLanguage } = this.alertsConfig;
    const annotatedUuids = annotations[KAKAO_RECEIVERS_ANNOTATION]?.split(',')
      .map(s => s.trim())
      .filter(Boolean);
    return {
      groupRef,
      slackChannel:
        annotations[SLACK_CHANNEL_ANNOTATION] ?? fromConfig?.slackChannel,
      slackLanguage: fromConfig?.slackLanguage ?? defaultLanguage,
      kakaoReceiverUuids:
        annotatedUuids ?? fromConfig?.kakaoReceiverUuids ?? [],
      kakaoLanguage: fromConfig?.kakaoLanguage ?? defaultLanguage,
    };
  }
}

/** A portal-relative link made absolute with `app.baseUrl`. */
export function absoluteLink(
  alertsConfig: AlertsConfig,
  link: string | undefined,
): string {
  const base = alertsConfig.baseUrl;
  if (base === undefined) {
    throw new Error('app.baseUrl is not configured; chat links need it');
  }
  if (!link) return base;
  if (/^https?:\/\//.test(link)) return link;
  return `${base}/${link.replace(/^\//, '')}`;
}
