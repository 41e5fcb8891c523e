import { useEffect, useMemo } from 'react';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useFormatters, useLanguage } from '@internal/i18n-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  estimateMonthlyCost,
  readPricing,
} from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from '../translation';

/**
 * Read-only form field: the estimated monthly cost of the environment the
 * form describes, recomputed from the other fields (the form context carries
 * every step's data) on each change. Its own value is the total, so the
 * review step shows it too. The template's title heads it in English (the
 * templates are written in English); in another language, the field's own.
 */
export const CostEstimateField = (
  props: FieldExtensionComponentProps<unknown>,
) => {
  const { formContext, onChange, formData, schema } = props;
  const config = useApi(configApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  const language = useLanguage();
  const pricing = useMemo(() => readPricing(config), [config]);
  const values = (formContext?.formData ?? {}) as Record<string, unknown>;
  const estimate = estimateMonthlyCost(values, pricing);
  const total = estimate?.total;

  useEffect(() => {
    if (formData !== total) onChange(total);
  }, [formData, total, onChange]);

  return (
    <Box
      role="status"
      aria-label={t('estimate.label')}
      mt={1}
      mb={2}
      p={2}
      border={1}
      borderColor="divider"
      borderRadius={4}
    >
      <Typography variant="subtitle2" color="textSecondary">
        {(language === 'en' && schema.title) || t('estimate.label')}
      </Typography>
      {estimate ? (
        <>
          <Typography variant="h5" data-testid="cost-estimate-total">
            {t('estimate.perMonth', {
              amount: fmt.money(estimate.total, estimate.currency),
            })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('estimate.breakdown', {
              controlPlane: fmt.money(estimate.controlPlane, estimate.currency),
              nodeCount: fmt.number(estimate.nodeCount),
              instanceType: estimate.instanceType,
              nodes: fmt.money(estimate.nodes, estimate.currency),
              storage: fmt.money(estimate.storage, estimate.currency),
            })}
          </Typography>
        </>
      ) : (
        <Typography variant="body2">{t('estimate.choose')}</Typography>
      )}
    </Box>
  );
};
