import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  createTranslationResource,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  CostUptimeClient,
  isCostUptimeAvailable,
} from '@internal/plugin-cost-uptime-common';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import MoneyIcon from '@material-ui/icons/AttachMoney';
import { costUptimeApiRef } from './api';
import { costUptimeTranslationRef } from './translation';

const rootRouteRef = createRouteRef();

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costUptimeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostUptimeClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Cost & Uptime" page; its title and icon also make the sidebar item. */
const page = PageBlueprint.make({
  params: {
    path: '/cost-uptime',
    // A route ref makes the page a sidebar nav item (with title and icon).
    routeRef: rootRouteRef,
    // A message, so the page header is in the user's language.
    title: costUptimeTranslationRef('page.title'),
    icon: <MoneyIcon />,
    loader: () =>
      import('./components/CostUptimePage').then(m => <m.CostUptimePage />),
  },
});

/** On entities annotated with cost-uptime.io/environment or cost-uptime.io/service. */
const entityCard = EntityCardBlueprint.make({
  params: {
    filter: isCostUptimeAvailable,
    // Beside the About card, where people look first.
    type: 'info',
    loader: () =>
      import('./components/EntityCostUptime').then(m => (
        <m.EntityCostUptimeCard />
      )),
  },
});

const entityContent = EntityContentBlueprint.make({
  params: {
    path: 'cost-uptime',
    // A message, so the entity page shows the tab in the user's language.
    title: costUptimeTranslationRef('page.title'),
    filter: isCostUptimeAvailable,
    loader: () =>
      import('./components/EntityCostUptime').then(m => (
        <m.EntityCostUptimeContent />
      )),
  },
});

/**
 * Korean for the page, card and tab, loaded when a user picks 한국어. The
 * app's translations input only takes extensions of the app plugin, so the
 * app installs this one (packages/app/src/modules/i18n), not the plugin.
 */
export const costUptimeTranslations = TranslationBlueprint.make({
  name: 'cost-uptime',
  params: {
    resource: createTranslationResource({
      ref: costUptimeTranslationRef,
      translations: { ko: () => import('./translations/ko') },
    }),
  },
});

export const costUptimePlugin = createFrontendPlugin({
  pluginId: 'cost-uptime',
  title: 'Cost & Uptime',
  icon: <MoneyIcon />,
  routes: { root: rootRouteRef },
  extensions: [api, page, entityCard, entityContent],
});
