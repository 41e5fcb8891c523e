import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  isGroupEntity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Config } from '@backstage/config';
import { isLanguage } from '@internal/i18n-common';
import { defaultAlertsLanguage, Language } from './languages';

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
 * first, else `alerts.groups.<name>` in config.
 */
export class GroupRouter {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly config: RootConfigService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    config: RootConfigService;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
    this.config = options.config;
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
    const fromConfig = this.config.getOptionalConfig(`alerts.groups.${name}`);
    const slackChannel =
      annotations[SLACK_CHANNEL_ANNOTATION] ??
      fromConfig?.getOptionalString('slackChannel');
    const annotatedUuids = annotations[KAKAO_RECEIVERS_ANNOTATION]?.split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const kakaoReceiverUuids =
      annotatedUuids ??
      fromConfig?.getOptionalStringArray('kakaoReceiverUuids') ??
      [];
    return {
      groupRef,
      slackChannel,
      slackLanguage: this.languageOf(fromConfig, 'slackLanguage'),
      kakaoReceiverUuids,
      kakaoLanguage: this.languageOf(fromConfig, 'kakaoLanguage'),
    };
  }

  private languageOf(
    groupConfig: Config | undefined,
    key: 'slackLanguage' | 'kakaoLanguage',
  ): Language {
    const value = groupConfig?.getOptionalString(key);
    if (value === undefined) return defaultAlertsLanguage(this.config);
    if (!isLanguage(value)) {
      throw new Error(
        `alerts.groups.*.${key} must be 'en' or 'ko', got '${value}'`,
      );
    }
    return value;
  }
}

/** A portal-relative link made absolute with `app.baseUrl`. */
export function absoluteLink(
  config: RootConfigService,
  link: string | undefined,
): string {
  const base = config.getString('app.baseUrl').replace(/\/$/, '');
  if (!link) return base;
  if (/^https?:\/\//.test(link)) return link;
  return `${base}/${link.replace(/^\//, '')}`;
}
