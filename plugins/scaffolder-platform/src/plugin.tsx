import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

const costEstimateField = FormFieldBlueprint.make({
  name: 'environment-cost-estimate',
  params: {
    field: () =>
      import('./costEstimate/field').then(m => m.environmentCostEstimateField),
  },
});

/** The environment templates' own form fields and the environment page. */
export default createFrontendPlugin({
  pluginId: 'scaffolder-platform',
  extensions: [costEstimateField],
});
