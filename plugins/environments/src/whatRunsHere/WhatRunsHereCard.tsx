import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ARGOCD_APP_NAME_ANNOTATION } from '@internal/plugin-services-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { environmentsTranslationRef } from '../translation';
import { loadWhatRunsHere, type RunningService } from './loadWhatRunsHere';

function ArgoCells({ argo }: { argo: RunningService['argo'] }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (argo.state === 'found') {
    return (
      <>
        <TableCell>{argo.sync}</TableCell>
        <TableCell>{argo.health}</TableCell>
      </>
    );
  }
  const message =
    argo.state === 'error' ? argo.message : t('whatRunsHere.unknown');
  return (
    <TableCell colSpan={2}>
      <Typography variant="body2" color="error">
        {t('whatRunsHere.argoError', { message })}
      </Typography>
    </TableCell>
  );
}

/**
 * The Argo CD applications deployed to this environment (its own Argo CD
 * instance), their sync and health, linked to the services' pages.
 */
export const WhatRunsHereCard = () => {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const config = useApi(configApiRef);
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const environment = entity.metadata.name;

  const state = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'Component',
        [`metadata.annotations.${ARGOCD_APP_NAME_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
    });
    return loadWhatRunsHere({
      environment,
      services: items,
      config,
      discovery,
      fetch,
    });
  }, [catalogApi, config, discovery, fetch, environment]);

  const value = state.value;
  return (
    <InfoCard title={t('whatRunsHere.title')}>
      {state.loading && <Progress />}
      {state.error && (
        <Typography role="alert" variant="body2" color="error">
          {t('whatRunsHere.error', { message: state.error.message })}
        </Typography>
      )}
      {value?.state === 'no-argocd' && (
        <Typography variant="body2">{t('whatRunsHere.noArgo')}</Typography>
      )}
      {value?.state === 'found' && value.services.length === 0 && (
        <Typography variant="body2">{t('whatRunsHere.empty')}</Typography>
      )}
      {value?.state === 'found' && value.services.length > 0 && (
        <Table size="small" aria-label={t('whatRunsHere.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('whatRunsHere.service')}</TableCell>
              <TableCell>{t('whatRunsHere.application')}</TableCell>
              <TableCell>{t('whatRunsHere.sync')}</TableCell>
              <TableCell>{t('whatRunsHere.health')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.services.map(s => (
              <TableRow key={s.serviceRef}>
                <TableCell>
                  <EntityRefLink entityRef={s.serviceRef} title={s.title} />
                </TableCell>
                <TableCell>
                  {s.argo.state === 'found' ? (
                    <Link to={s.argo.uiUrl}>{s.application}</Link>
                  ) : (
                    s.application
                  )}
                </TableCell>
                <ArgoCells argo={s.argo} />
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
