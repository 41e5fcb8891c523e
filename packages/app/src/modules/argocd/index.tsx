import {
  createFrontendModule,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { appTranslationRef } from '../../translation';

/**
 * The Argo CD plugin's overview card with its title in the user's
 * language: the plugin's own card says "ArgoCD overview" in every language.
 * Same name as the plugin's, so app-config's `entity-card:argocd/overviewCard`
 * (and its filter) applies to this one.
 */
const overviewCard = EntityCardBlueprint.make({
  name: 'overviewCard',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('@roadiehq/backstage-plugin-argo-cd').then(m => {
        const Card = () => {
          const { t } = useTranslationRef(appTranslationRef);
          return (
            <m.EntityArgoCDOverviewCard title={t('argocd.overviewTitle')} />
          );
        };
        return compatWrapper(<Card />);
      }),
  },
});

/** Overrides of the Roadie Argo CD plugin (pluginId `argocd`). */
export const argocdModule = createFrontendModule({
  pluginId: 'argocd',
  extensions: [overviewCard],
});
