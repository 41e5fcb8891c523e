import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useFormatters } from '@internal/i18n-react';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  pausedMonthlyCost,
  readPricing,
} from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from '../translation';
import { useEnvironmentHistory } from '../history/useEnvironmentHistory';

/**
 * Pause (node groups to zero) or resume an environment, for its owners;
 * what it still costs while paused (control plane and volumes).
 */
export const PauseCard = ({ pollMs }: { pollMs?: number } = {}) => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const history = useEnvironmentHistory(name, pollMs);
  const { loading: ownershipLoading, isOwnedEntity } = useEntityOwnership();
  const fetchApi = useApi(fetchApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const config = useApi(configApiRef);
  const pricing = useMemo(() => readPricing(config), [config]);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const state = history.history?.state;
  // The catalog entity does not list the add-ons: volumes beyond the control plane are not counted.
  const paused = pausedMonthlyCost({}, pricing);
  const mayAct = !ownershipLoading && isOwnedEntity(entity) && !busy;

  const act = async (action: 'pause' | 'resume') => {
    setBusy(true);
    setMessage(undefined);
    try {
      const base = await discoveryApi.getBaseUrl('environments');
      const res = await fetchApi.fetch(
        `${base}/environments/${encodeURIComponent(name)}/${action}`,
        { method: 'POST' },
      );
      if (!res.ok) throw await ResponseError.fromResponse(res);
      history.reload();
    } catch (e) {
      setMessage(t('pause.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title={t('pause.title')}>
      <Typography variant="body2" data-testid="paused-cost">
        {t('pause.pausedCost', {
          amount: fmt.money(paused.total, paused.currency),
        })}
      </Typography>
      {state === 'ready' && (
        <Button
          variant="outlined"
          disabled={!mayAct}
          onClick={() => act('pause')}
          style={{ marginTop: 16 }}
        >
          {t('pause.pause')}
        </Button>
      )}
      {state === 'paused' && (
        <Button
          variant="outlined"
          color="primary"
          disabled={!mayAct}
          onClick={() => act('resume')}
          style={{ marginTop: 16 }}
        >
          {t('pause.resume')}
        </Button>
      )}
      {message && (
        <Typography role="alert" variant="body2" style={{ marginTop: 8 }}>
          {message}
        </Typography>
      )}
    </InfoCard>
  );
};
