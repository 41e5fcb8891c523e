import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { isEnvironment } from '@internal/plugin-environments-common';

const costEstimateField = FormFieldBlueprint.make({
  name: 'environment-cost-estimate',
  params: {
    field: () =>
      import('./costEstimate/field').then(m => m.environmentCostEstimateField),
  },
});

const environmentCard = EntityCardBlueprint.make({
  name: 'environment',
  params: {
    filter: isEnvironment,
    loader: () =>
      import('./environmentCard/EnvironmentCard').then(m => (
        <m.EnvironmentCard />
      )),
  },
});

/** The environment templates' own form fields and the environment page. */
export default createFrontendPlugin({
  pluginId: 'environments',
  extensions: [costEstimateField, environmentCard],
});
