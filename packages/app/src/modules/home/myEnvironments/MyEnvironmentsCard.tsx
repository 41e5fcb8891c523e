import {
  identityApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, Progress, WarningPanel } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { ENVIRONMENT_TYPES } from '@internal/plugin-environments-common';
import { useFormatters, useLanguage } from '@internal/i18n-react';
import { localeOf } from '@internal/i18n-common';
import { appTranslationRef } from '../../../translation';
import { Clock, systemClock } from '../clock';
import { environmentRow, EnvironmentRow, untilExpiry } from './environmentRows';

/** Where the empty state sends people to create an environment. */
export const CREATE_ENVIRONMENT_PATH =
  '/create/templates/default/create-environment';

/** The environments owned by the signed-in user or their groups. */
export function useMyEnvironments() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': [...ENVIRONMENT_TYPES],
        'relations.ownedBy': ownershipEntityRefs,
      },
    });
    return items
      .map(environmentRow)
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [identityApi, catalogApi]);
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

/** One environment: link, state chip, expiry. */
function EnvironmentItem({ row, now }: { row: EnvironmentRow; now: Date }) {
  const { t } = useTranslationRef(appTranslationRef);
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
          <Expiry row={row} now={now} />
        </Typography>
      </Box>
      <Chip
        size="small"
        label={row.state ?? t('home.myEnvironments.stateUnknown')}
        color={row.state === 'failed' ? 'secondary' : 'default'}
      />
    </Box>
  );
}

/** "My environments": each with its state and expiry, linked to its page. */
export function MyEnvironmentsCard({ clock = systemClock }: { clock?: Clock }) {
  const { t } = useTranslationRef(appTranslationRef);
  const { loading, error, value } = useMyEnvironments();
  if (loading) {
    return <Progress aria-label={t('home.myEnvironments.loading')} />;
  }
  if (error) {
    return (
      <WarningPanel
        severity="error"
        title={t('home.myEnvironments.error')}
        message={error.message}
      />
    );
  }
  if (!value?.length) {
    return (
      <Typography>
        {t('home.myEnvironments.empty')}{' '}
        <Link to={CREATE_ENVIRONMENT_PATH}>
          {t('home.myEnvironments.create')}
        </Link>
      </Typography>
    );
  }
  const now = clock.now();
  return (
    <Box role="list" aria-label={t('home.myEnvironments.title')}>
      {value.map(row => (
        <EnvironmentItem key={row.ref} row={row} now={now} />
      ))}
    </Box>
  );
}
