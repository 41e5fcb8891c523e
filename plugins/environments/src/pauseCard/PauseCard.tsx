import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useFormatters } from '@internal/i18n-react';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  pausedMonthlyCost,
  readPricing,
} from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from '../translation';
import { useEnvironmentHistory } from '../history/useEnvironmentHistory';
import { useEnvironmentsClient } from '../history/useEnvironmentsClient';
import { useCardAction } from '../useCardAction';

/**
 * Pause (node groups to zero) or resume an environment, for its owners;
 * what it still costs while paused (control plane and volumes).
 */
export const PauseCard = ({ pollMs }: { pollMs?: number } = {}) => {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const history = useEnvironmentHistory(name, pollMs);
  const { loading: ownershipLoading, isOwnedEntity } = useEntityOwnership();
  const client = useEnvironmentsClient();
  const config = useApi(configApiRef);
  const pricing = useMemo(() => readPricing(config), [config]);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  const { busy, message, run } = useCardAction(m =>
    t('pause.failed', { message: m }),
  );
  const state = history.history?.state;
  // The catalog entity does not list the add-ons: volumes beyond the control plane are not counted.
  const paused = pausedMonthlyCost({}, pricing);
  const mayAct = !ownershipLoading && isOwnedEntity(entity) && !busy;

  const act = (action: 'pause' | 'resume') =>
    run(async () => {
      await client.pauseOrResume(name, action);
      history.reload();
      return undefined;
    });

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
