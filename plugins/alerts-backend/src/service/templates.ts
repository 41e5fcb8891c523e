import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { AlertEvent } from '@internal/plugin-alerts-node';
import { formattersFor, Language } from '@internal/i18n-common';

/** A rendered alert: what the portal, Slack and KakaoTalk show. */
export interface RenderedAlert {
  title: string;
  description: string;
  link: string;
  severity: NotificationSeverity;
}

export type { Language } from '@internal/i18n-common';

const LOG_TAIL_LINES = 5;

/** The last lines of a log, short enough for a chat message. */
function tail(log: string | undefined): string {
  if (!log) return '';
  const lines = log.trimEnd().split('\n').slice(-LOG_TAIL_LINES);
  return lines
    .map(l => (l.length > 120 ? `${l.slice(0, 119)}…` : l))
    .join('\n');
}

const BUILD_SEVERITY: Record<string, NotificationSeverity> = {
  FAILURE: 'high',
  SUCCESS: 'low',
};

const CAUSE_TEXT = {
  en: {
    'node count': 'node count',
    'instance type': 'instance type',
    volumes: 'volumes',
  },
  ko: {
    'node count': '노드 수',
    'instance type': '인스턴스 유형',
    volumes: '볼륨',
  },
};

const PERIOD_TEXT = {
  en: { day: 'day over day', week: 'week over week' },
  ko: { day: '전일 대비', week: '전주 대비' },
};

function durationText(ms: number | undefined, ko: boolean): string {
  if (ms === undefined) return '';
  const seconds = Math.round(ms / 1000);
  return ko ? `소요 ${seconds}초` : `took ${seconds} s`;
}

const pct = (x: number) => `${(x * 100).toFixed(x >= 0.99 ? 2 : 1)}%`;

/** The portal page of an entity. */
/**
 * A revision as people read it: Git SHAs cut to 8 characters, other
 * revisions (a Helm chart version) whole; a multi-source application's
 * revisions come joined with `,`.
 */
const shortRevisions = (revision: string) =>
  revision
    .split(',')
    .map(r => (/^[0-9a-f]{40}$/.test(r) ? r.slice(0, 8) : r))
    .join(', ');

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/**
 * Title, one or two short lines and a portal link for an event, in Korean or
 * English. Titles stay under about 60 characters: KakaoTalk's text template
 * takes 200 in all.
 */
export function renderAlert(event: AlertEvent, lang: Language): RenderedAlert {
  const ko = lang === 'ko';
  const { money } = formattersFor(lang);
  const entityLink = event.entityRef ? entityPath(event.entityRef) : undefined;
  switch (event.type) {
    case 'pipeline.build': {
      const failed = event.result === 'FAILURE';
      const word = ko
        ? {
            SUCCESS: '성공',
            FAILURE: '실패',
            UNSTABLE: '불안정',
            ABORTED: '중단',
            NOT_BUILT: '건너뜀',
          }[event.result]
        : {
            SUCCESS: 'succeeded',
            FAILURE: 'failed',
            UNSTABLE: 'unstable',
            ABORTED: 'aborted',
            NOT_BUILT: 'not built',
          }[event.result];
      return {
        title: ko
          ? `빌드 ${word}: ${event.job} #${event.build}`
          : `Build ${word}: ${event.job} #${event.build}`,
        description: [
          durationText(event.durationMs, ko),
          failed ? tail(event.logTail) : '',
        ]
          .filter(Boolean)
          .join('\n'),
        link: event.link ?? entityLink ?? event.url ?? '/',
        severity: BUILD_SEVERITY[event.result] ?? 'normal',
      };
    }
    case 'environment.task': {
      const ok = event.status === 'completed';
      const what = ko
        ? `환경 ${event.environment} ${
            event.action === 'create' ? '생성' : '삭제'
          } ${ok ? '완료' : '실패'}`
        : `Environment ${event.environment} ${
            event.action === 'create' ? 'creation' : 'deletion'
          } ${ok ? 'finished' : 'failed'}`;
      return {
        title: what,
        description: ok ? '' : tail(event.logTail),
        link: event.link ?? `/create/tasks/${event.taskId}`,
        severity: ok ? 'normal' : 'high',
      };
    }
    case 'environment.expiry': {
      const when = event.expiresAt.slice(0, 16).replace('T', ' ');
      if (event.overdue) {
        return {
          title: ko
            ? `환경 ${event.environment} 만료 후 삭제되지 않음`
            : `Environment ${event.environment} is past its expiry`,
          description: ko
            ? `${when} UTC에 만료되었지만 1시간이 지나도록 삭제 실행이 없습니다.`
            : `It expired at ${when} UTC and no destroy run has started in over an hour.`,
          link: event.link ?? entityLink ?? '/',
          severity: 'high',
        };
      }
      return {
        title: ko
          ? `환경 ${event.environment} 만료 예정`
          : `Environment ${event.environment} expires soon`,
        description: ko
          ? `${when} UTC에 삭제됩니다. 연장하려면 포털에서 변경하세요.`
          : `It will be deleted at ${when} UTC. Extend it in the portal.`,
        link: event.link ?? entityLink ?? '/',
        severity: 'normal',
      };
    }
    case 'environment.estimate-gap': {
      const gap = event.estimated > 0 ? event.billed / event.estimated - 1 : 1;
      const gapText = `${gap > 0 ? '+' : ''}${Math.round(gap * 100)}%`;
      const causes = event.causes.map(c => CAUSE_TEXT[lang][c]).join(', ');
      return {
        title: ko
          ? `환경 ${event.environment} 비용이 예상과 다름 (${gapText})`
          : `Environment ${event.environment} costs ${gapText} against its estimate`,
        description: [
          ko
            ? `처음 ${event.days}일: 청구 ${money(
                event.billed,
                event.currency,
              )}, 예상 ${money(event.estimated, event.currency)}.`
            : `First ${event.days} days: billed ${money(
                event.billed,
                event.currency,
              )}, estimated ${money(event.estimated, event.currency)}.`,
          causes && (ko ? `가능한 원인: ${causes}` : `Likely cause: ${causes}`),
        ]
          .filter(Boolean)
          .join('\n'),
        link: event.link ?? entityLink ?? '/',
        severity: 'normal',
      };
    }
    case 'deployment.sync-failed':
    case 'deployment.degraded': {
      const failed = event.type === 'deployment.sync-failed';
      const where = event.environment ? ` (${event.environment})` : '';
      return {
        title: ko
          ? `${failed ? '배포 동기화 실패' : '배포 상태 저하'}: ${
              event.application
            }${where}`
          : `${failed ? 'Sync failed' : 'Degraded'}: ${
              event.application
            }${where}`,
        description: [
          event.revision ? `rev ${shortRevisions(event.revision)}` : '',
          event.message ? event.message.slice(0, 140) : '',
        ]
          .filter(Boolean)
          .join('\n'),
        link: event.link ?? entityLink ?? '/',
        severity: 'high',
      };
    }
    case 'cost.over-budget':
      return {
        title: ko
          ? `예산 초과: ${event.environment} ${event.month}`
          : `Over budget: ${event.environment} ${event.month}`,
        description: ko
          ? `${event.forecast ? '예상 비용' : '이번 달 비용'} ${money(
              event.amount,
              event.currency,
            )} / 예산 ${money(event.budget, event.currency)}`
          : `${event.forecast ? 'Forecast' : 'Cost so far'} ${money(
              event.amount,
              event.currency,
            )} of ${money(event.budget, event.currency)} budget`,
        link: event.link ?? entityLink ?? '/cost-uptime',
        severity: 'high',
      };
    case 'cost.growth': {
      const growth =
        event.previous > 0 ? event.current / event.previous - 1 : 1;
      const period = PERIOD_TEXT[lang][event.period];
      return {
        title: ko
          ? `비용 급증: ${event.environment} ${period} +${pct(growth)}`
          : `Cost up ${pct(growth)} ${period}: ${event.environment}`,
        description: ko
          ? `${event.periodLabel}: ${money(
              event.previous,
              event.currency,
            )} → ${money(event.current, event.currency)} (기준 ${
              event.thresholdPercent
            }%)`
          : `${event.periodLabel}: ${money(
              event.previous,
              event.currency,
            )} → ${money(event.current, event.currency)} (threshold ${
              event.thresholdPercent
            }%)`,
        link: event.link ?? entityLink ?? '/cost-uptime',
        severity: 'normal',
      };
    }
    case 'cost.untagged':
      return {
        title: ko
          ? `태그 없는 비용 ${pct(event.share)} (${event.periodLabel})`
          : `Untagged cost at ${pct(event.share)} (${event.periodLabel})`,
        description: ko
          ? `${money(event.amount, event.currency)}, 허용 ${pct(
              event.thresholdShare,
            )}`
          : `${money(event.amount, event.currency)}, allowed ${pct(
              event.thresholdShare,
            )}`,
        link: event.link ?? '/cost-uptime',
        severity: 'normal',
      };
    case 'uptime.below-slo': {
      const where = event.environment ? ` (${event.environment})` : '';
      return {
        title: ko
          ? `가용성 SLO 미달: ${event.service}${where}`
          : `Availability below SLO: ${event.service}${where}`,
        description: ko
          ? `${event.window} 가용성 ${pct(event.availability)} (목표 ${pct(
              event.slo,
            )})`
          : `${event.window} availability ${pct(event.availability)} (SLO ${pct(
              event.slo,
            )})`,
        link: event.link ?? entityLink ?? '/cost-uptime',
        severity: 'high',
      };
    }
    default:
      throw new Error(`unknown alert type ${(event as AlertEvent).type}`);
  }
}

/** One message for a burst of events of one kind about one thing. */
export function renderDigest(
  events: AlertEvent[],
  lang: Language,
): RenderedAlert {
  const rendered = events.map(e => renderAlert(e, lang));
  const first = rendered[0];
  const more = events.length;
  const lines = rendered.slice(0, 5).map(r => `• ${r.title}`);
  if (more > 5) {
    lines.push(lang === 'ko' ? `외 ${more - 5}건` : `and ${more - 5} more`);
  }
  const severities: NotificationSeverity[] = [
    'critical',
    'high',
    'normal',
    'low',
  ];
  return {
    title:
      lang === 'ko'
        ? `알림 ${more}건 묶음: ${first.title}`
        : `${more} more alerts like: ${first.title}`,
    description: lines.join('\n'),
    link: first.link,
    severity:
      severities.find(s => rendered.some(r => r.severity === s)) ?? 'normal',
  };
}
