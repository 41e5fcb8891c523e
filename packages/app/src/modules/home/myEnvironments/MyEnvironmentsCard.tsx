import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { costUptimeApiRef } from '@internal/plugin-cost-uptime';
import type { CostUptimeApi } from '@internal/plugin-cost-uptime-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { ENVIRONMENT_TYPES } from '@internal/plugin-environments-common';
import { useFormatters, useLanguage } from '@internal/i18n-react';
import { localeOf } from '@internal/i18n-common';
import { appTranslationRef } from '../../../translation';
import { pendingContent, useHomeApis } from '../cardParts';
import { Clock, systemClock } from '../clock';
import {
  environmentRow,
  EnvironmentRow,
  needsAttention,
  untilExpiry,
  type AttentionReason,
} from './environmentRows';

/** An environment's cost this month so far, as the cost plugin reports it. */
export type EnvironmentCost =
  | { state: 'found'; amount: number; currency: string; estimated: boolean }
  | { state: 'error' };

/** What the card shows: the user's environments, and for admins all that need attention. */
export interface MyEnvironments {
  rows: EnvironmentRow[];
  costs: Record<string, EnvironmentCost>;
  /** Present for members of the platform admin group. */
  attention?: { row: EnvironmentRow; reason: AttentionReason }[];
}

const DEFAULT_ADMIN_GROUP = 'group:default/platform-admins';

/** Where the empty state sends people to create an environment. */
const CREATE_ENVIRONMENT_PATH = '/create/templates/default/create-environment';

/**
 * The environments owned by the signed-in user or their groups, with their
 * cost this month; for platform admins (`platform.environments.adminGroup`)
 * also every environment that failed or expires today.
 */
function useMyEnvironments(clock: Clock = systemClock) {
  const { identityApi, catalogApi, config, discovery, fetch, apis } =
    useHomeApis();
  return useAsync(async (): Promise<MyEnvironments> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const adminGroup =
      config.getOptionalString('platform.environments.adminGroup') ??
      DEFAULT_ADMIN_GROUP;
    const isAdmin = ownershipEntityRefs.includes(adminGroup);
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': [...ENVIRONMENT_TYPES],
        ...(isAdmin ? {} : { 'relations.ownedBy': ownershipEntityRefs }),
      },
    });
    const all = items.map(environmentRow);
    const owned = new Set(
      items
        .filter(e =>
          e.relations?.some(
            r =>
              r.type === 'ownedBy' && ownershipEntityRefs.includes(r.targetRef),
          ),
        )
        .map(e => environmentRow(e).ref),
    );
    const rows = await withRecordedStates(
      all.filter(r => owned.has(r.ref)),
      discovery,
      fetch,
    );
    rows.sort((a, b) => a.name.localeCompare(b.name));
    const costs = await costsOf(apis.get(costUptimeApiRef), rows);
    const timeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return {
      rows,
      costs,
      attention: isAdmin
        ? needsAttention(
            all.map(r => rows.find(o => o.ref === r.ref) ?? r),
            clock.now(),
            timeZone,
          )
        : undefined,
    };
  }, [identityApi, catalogApi, config, discovery, fetch, apis, clock]);
}

/**
 * The state the environments backend recorded for each environment (its
 * lifecycle, e.g. ready or paused), over the catalog annotation, which
 * environments provisioned by the portal's pipeline do not always carry.
 * An environment the backend cannot answer for keeps the annotation's.
 */
async function withRecordedStates(
  rows: EnvironmentRow[],
  discovery: { getBaseUrl(pluginId: string): Promise<string> },
  fetch: typeof globalThis.fetch,
): Promise<EnvironmentRow[]> {
  const base = await discovery.getBaseUrl('environments');
  return Promise.all(
    rows.map(async row => {
      try {
        const res = await fetch(
          `${base}/environments/${encodeURIComponent(row.name)}`,
        );
        if (!res.ok) return row;
        const { state } = (await res.json()) as { state?: string };
        return state ? { ...row, state } : row;
      } catch {
        return row;
      }
    }),
  );
}

/** This month's cost of each environment with a cost tag; one failure is that row's. */
async function costsOf(
  api: CostUptimeApi | undefined,
  rows: EnvironmentRow[],
): Promise<Record<string, EnvironmentCost>> {
  if (!api) return {};
  const entries = await Promise.all(
    rows
      .filter(r => r.costTag)
      .map(async (r): Promise<[string, EnvironmentCost]> => {
        try {
          const s = await api.getSummary({
            tagKey: 'environment',
            tagValue: r.costTag!,
          });
          return [
            r.ref,
            {
              state: 'found',
              amount: s.monthToDate.amount,
              currency: s.currency,
              estimated: s.monthToDate.estimated,
            },
          ];
        } catch {
          return [r.ref, { state: 'error' }];
        }
      }),
  );
  return Object.fromEntries(entries);
}

function Expiry({ row, now }: { row: EnvironmentRow; now: Date }) {
  const { t } = useTranslationRef(appTranslationRef);
  const fmt = useFormatters();
  const language = useLanguage();
  if (!row.expiresAt) {
    return <>{t('home.myEnvironments.noExpiry')}</>;
  }
  const { value, unit } = untilExpiry(row.expiresAt, now);
  const relative = new Intl.RelativeTimeFormat(localeOf(language), {
    numeric: 'auto',
  }).format(value, unit);
  return (
    <>
      {t('home.myEnvironments.expires', {
        relative,
        date: fmt.dateTime(row.expiresAt),
      })}
    </>
  );
}

function Cost({ cost }: { cost?: EnvironmentCost }) {
  const { t } = useTranslationRef(appTranslationRef);
  const fmt = useFormatters();
  if (!cost) return null;
  if (cost.state === 'error') {
    return <> · {t('home.myEnvironments.costUnavailable')}</>;
  }
  const amount = fmt.money(cost.amount, cost.currency);
  return (
    <>
      {' · '}
      {t(
        cost.estimated
          ? 'home.myEnvironments.costEstimated'
          : 'home.myEnvironments.cost',
        { amount },
      )}
    </>
  );
}

const KNOWN_STATES = [
  'requested',
  'provisioning',
  'ready',
  'updating',
  'paused',
  'destroying',
  'destroyed',
  'failed',
] as const;

/** The state's label in the user's language; an unknown one as it is. */
function useStateLabel() {
  const { t } = useTranslationRef(appTranslationRef);
  return (state?: string) => {
    if (!state) return t('home.myEnvironments.stateUnknown');
    const known = KNOWN_STATES.find(k => k === state);
    return known ? t(`home.myEnvironments.states.${known}`) : state;
  };
}

/** One environment: link, state chip, expiry and cost this month. */
function EnvironmentItem({
  row,
  now,
  cost,
  note,
}: {
  row: EnvironmentRow;
  now: Date;
  cost?: EnvironmentCost;
  note?: string;
}) {
  const stateLabel = useStateLabel();
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      py={1}
      borderBottom="1px solid rgba(128,128,128,0.2)"
      role="listitem"
      aria-label={row.title}
    >
      <Box minWidth={0}>
        <EntityRefLink entityRef={row.ref} title={row.title} />
        <Typography variant="body2" color="textSecondary">
          {note ? `${note} · ` : null}
          <Expiry row={row} now={now} />
          <Cost cost={cost} />
        </Typography>
      </Box>
      <Chip
        size="small"
        label={stateLabel(row.state)}
        color={row.state === 'failed' ? 'secondary' : 'default'}
      />
    </Box>
  );
}

/** For platform admins: every environment that failed or expires today. */
function Attention({ value, now }: { value: MyEnvironments; now: Date }) {
  const { t } = useTranslationRef(appTranslationRef);
  if (!value.attention) return null;
  return (
    <Box mb={2} data-testid="home-attention">
      <Typography variant="subtitle2">
        {t('home.myEnvironments.attentionTitle')}
      </Typography>
      {value.attention.length ? (
        <Box role="list" aria-label={t('home.myEnvironments.attentionTitle')}>
          {value.attention.map(({ row, reason }) => (
            <EnvironmentItem
              key={row.ref}
              row={row}
              now={now}
              note={t(
                reason === 'failed'
                  ? 'home.myEnvironments.attentionFailed'
                  : 'home.myEnvironments.attentionExpiresToday',
              )}
            />
          ))}
        </Box>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('home.myEnvironments.attentionNone')}
        </Typography>
      )}
    </Box>
  );
}

/** "My environments": each with its state, expiry and cost, linked to its page. */
export function MyEnvironmentsCard({ clock = systemClock }: { clock?: Clock }) {
  const { t } = useTranslationRef(appTranslationRef);
  const state = useMyEnvironments(clock);
  const pending = pendingContent(state, {
    loading: t('home.myEnvironments.loading'),
    error: t('home.myEnvironments.error'),
  });
  if (pending) return pending;
  const value = state.value;
  const now = clock.now();
  return (
    <>
      {value ? <Attention value={value} now={now} /> : null}
      {!value?.rows.length ? (
        <Typography>
          {t('home.myEnvironments.empty')}{' '}
          <Link to={CREATE_ENVIRONMENT_PATH}>
            {t('home.myEnvironments.create')}
          </Link>
        </Typography>
      ) : (
        <Box role="list" aria-label={t('home.myEnvironments.title')}>
          {value.rows.map(row => (
            <EnvironmentItem
              key={row.ref}
              row={row}
              now={now}
              cost={value.costs[row.ref]}
            />
          ))}
        </Box>
      )}
    </>
  );
}
