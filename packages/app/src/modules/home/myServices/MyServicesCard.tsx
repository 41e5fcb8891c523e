import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import { useFormatters } from '@internal/i18n-react';
import { appTranslationRef } from '../../../translation';
import type { ServiceDeployment, ServiceHomeRow } from './serviceRows';
import { pendingContent } from '../cardParts';
import { useMyServices } from './useMyServices';

/** Where the empty state sends people to create a service. */
const CREATE_SERVICE_PATH = '/create/templates/default/new-service';

const HEALTH_COLORS: Record<string, 'primary' | 'secondary' | 'default'> = {
  Healthy: 'primary',
  Degraded: 'secondary',
  Missing: 'secondary',
  error: 'secondary',
};

function DeploymentChip({ d }: { d: ServiceDeployment }) {
  const { t } = useTranslationRef(appTranslationRef);
  const health =
    d.health === 'error' ? t('home.myServices.unreachable') : d.health;
  const chip = (
    <Chip
      size="small"
      variant={d.health === 'Healthy' ? 'outlined' : 'default'}
      color={HEALTH_COLORS[d.health] ?? 'default'}
      label={`${d.environment}: ${health}`}
    />
  );
  return d.message ? <Tooltip title={d.message}>{chip}</Tooltip> : chip;
}

function ServiceItem({ row }: { row: ServiceHomeRow }) {
  const { t } = useTranslationRef(appTranslationRef);
  const fmt = useFormatters();
  const slo = row.slo
    ? t(row.slo.met ? 'home.myServices.sloMet' : 'home.myServices.sloMissed', {
        availability: fmt.percent(row.slo.availability, 2),
        target: fmt.percent(row.slo.target, 1),
        environment: row.slo.environment ?? '',
      })
    : t('home.myServices.noSlo');
  return (
    <Box
      py={1}
      borderBottom="1px solid rgba(128,128,128,0.2)"
      role="listitem"
      aria-label={row.title}
    >
      <Box display="flex" justifyContent="space-between" style={{ gap: 8 }}>
        <EntityRefLink entityRef={row.ref} title={row.title} />
        {row.build ? (
          <Link to={row.build.url} data-testid="home-service-build">
            {t('home.myServices.build', {
              number: String(row.build.number),
              result: row.build.result,
            })}
          </Link>
        ) : null}
      </Box>
      <Box display="flex" flexWrap="wrap" my={0.5} style={{ gap: 4 }}>
        {row.deployments.length ? (
          row.deployments.map(d => <DeploymentChip key={d.environment} d={d} />)
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('home.myServices.notDeployed')}
          </Typography>
        )}
      </Box>
      <Typography
        variant="body2"
        color={row.slo && !row.slo.met ? 'error' : 'textSecondary'}
        data-testid="home-service-slo"
      >
        {slo}
      </Typography>
    </Box>
  );
}

/** "My services": each with its health per environment, SLO and latest build. */
export function MyServicesCard() {
  const { t } = useTranslationRef(appTranslationRef);
  const state = useMyServices();
  const pending = pendingContent(state, {
    loading: t('home.myServices.loading'),
    error: t('home.myServices.error'),
  });
  if (pending) return pending;
  const value = state.value;
  if (!value?.rows.length) {
    return (
      <Typography>
        {t('home.myServices.empty')}{' '}
        <Link to={CREATE_SERVICE_PATH}>{t('home.myServices.create')}</Link>
      </Typography>
    );
  }
  return (
    <>
      {value.uptimeError ? (
        <Typography variant="body2" color="error">
          {t('home.myServices.uptimeError', { message: value.uptimeError })}
        </Typography>
      ) : null}
      <Box role="list" aria-label={t('home.myServices.title')}>
        {value.rows.map(row => (
          <ServiceItem key={row.ref} row={row} />
        ))}
      </Box>
    </>
  );
}
