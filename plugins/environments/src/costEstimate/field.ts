import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { CostEstimateField } from './CostEstimateField';

/** `ui:field: EnvironmentCostEstimate` in templates/create-environment. */
export const environmentCostEstimateField = createFormField({
  name: 'EnvironmentCostEstimate',
  component: CostEstimateField,
});
