import {
  createFrontendPlugin,
  createTranslationResource,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { isEnvironment } from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from './translation';

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

const whatRunsHereCard = EntityCardBlueprint.make({
  name: 'what-runs-here',
  params: {
    filter: isEnvironment,
    loader: () =>
      import('./whatRunsHere/WhatRunsHereCard').then(m => (
        <m.WhatRunsHereCard />
      )),
  },
});

const clusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: isEnvironment,
    loader: () =>
      import('./clusterCard/ClusterCard').then(m => <m.ClusterCard />),
  },
});

const pauseCard = EntityCardBlueprint.make({
  name: 'pause',
  params: {
    filter: isEnvironment,
    loader: () => import('./pauseCard/PauseCard').then(m => <m.PauseCard />),
  },
});

const estimateCard = EntityCardBlueprint.make({
  name: 'estimate',
  params: {
    filter: isEnvironment,
    loader: () =>
      import('./estimateCard/EstimateCard').then(m => <m.EstimateCard />),
  },
});

/**
 * Korean for the card and the estimate, loaded when a user picks 한국어.
 * The app's translations input only takes extensions of the app plugin, so
 * the app installs this one (packages/app/src/modules/i18n), not the plugin.
 */
export const environmentsTranslations = TranslationBlueprint.make({
  name: 'environments',
  params: {
    resource: createTranslationResource({
      ref: environmentsTranslationRef,
      translations: { ko: () => import('./translations/ko') },
    }),
  },
});

/** The environment templates' own form fields and the environment page. */
export default createFrontendPlugin({
  pluginId: 'environments',
  extensions: [
    costEstimateField,
    environmentCard,
    clusterCard,
    whatRunsHereCard,
    pauseCard,
    estimateCard,
  ],
});
