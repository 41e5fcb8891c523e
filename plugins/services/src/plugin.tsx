import {
  createFrontendPlugin,
  createTranslationResource,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { servicesTranslationRef } from './translation';
import {
  EntityCardBlueprint,
  EntityContentLayoutBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '@internal/plugin-services-common';

/** A service that Argo CD deploys or whose workloads the clusters label. */
export const isDeployedService = (entity: Entity) => {
  const a = entity.metadata.annotations ?? {};
  return Boolean(
    a[ARGOCD_APP_NAME_ANNOTATION] ||
      a[KUBERNETES_ID_ANNOTATION] ||
      a[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
};

const deploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: isDeployedService,
    type: 'content',
    loader: () =>
      import('./components/DeploymentsCard').then(m => <m.DeploymentsCard />),
  },
});

/**
 * The deploy history from Argo CD. It takes the place of the Argo CD
 * plugin's history card, which prints every deploy's duration negative.
 */
const argoHistoryCard = EntityCardBlueprint.make({
  name: 'argocd-history',
  params: {
    filter: (entity: Entity) =>
      Boolean(entity.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION]),
    loader: () =>
      import('./components/ArgoHistoryCard').then(m => <m.ArgoHistoryCard />),
  },
});

/** A deployed service's Overview: the deployment picture first, full width. */
const serviceOverviewLayout = EntityContentLayoutBlueprint.make({
  name: 'service-overview',
  params: {
    filter: isDeployedService,
    loader: () =>
      import('./components/ServiceOverviewLayout').then(
        m => m.ServiceOverviewLayout,
      ),
  },
});

/**
 * Korean for the cards, loaded when a user picks 한국어. The app's
 * translations input only takes extensions of the app plugin, so the app
 * installs this one (packages/app/src/modules/i18n), not the plugin.
 */
export const servicesTranslations = TranslationBlueprint.make({
  name: 'services',
  params: {
    resource: createTranslationResource({
      ref: servicesTranslationRef,
      translations: { ko: () => import('./translations/ko') },
    }),
  },
});

/** The service page's deployment picture: one row per environment. */
export default createFrontendPlugin({
  pluginId: 'services',
  extensions: [deploymentsCard, argoHistoryCard, serviceOverviewLayout],
});
