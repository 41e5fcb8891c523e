import { useEffect, useMemo } from 'react';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { estimateMonthlyCost, formatMoney, readPricing } from './estimate';

/**
 * Read-only form field: the estimated monthly cost of the environment the
 * form describes, recomputed from the other fields (the form context carries
 * every step's data) on each change. Its own value is the total, so the
 * review step shows it too.
 */
export const CostEstimateField = (
  props: FieldExtensionComponentProps<unknown>,
) => {
  const { formContext, onChange, formData, schema } = props;
  const config = useApi(configApiRef);
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
      aria-label="Estimated monthly cost"
      mt={1}
      mb={2}
      p={2}
      border={1}
      borderColor="divider"
      borderRadius={4}
    >
      <Typography variant="subtitle2" color="textSecondary">
        {schema.title ?? 'Estimated monthly cost'}
      </Typography>
      {estimate ? (
        <>
          <Typography variant="h5" data-testid="cost-estimate-total">
            {formatMoney(estimate.total, estimate.currency)} / month
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Control plane{' '}
            {formatMoney(estimate.controlPlane, estimate.currency)}
            {' + '}
            {estimate.nodeCount} x {estimate.instanceType} nodes{' '}
            {formatMoney(estimate.nodes, estimate.currency)}
            {' + '}
            storage {formatMoney(estimate.storage, estimate.currency)}
          </Typography>
        </>
      ) : (
        <Typography variant="body2">
          Choose an instance type and node count to see the estimate.
        </Typography>
      )}
    </Box>
  );
};
