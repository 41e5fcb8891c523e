import {
  createFrontendModule,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';
import { appTranslationRef } from '../../translation';
import { MyEnvironmentsCard } from './myEnvironments/MyEnvironmentsCard';
import { MyServicesCard } from './myServices/MyServicesCard';

// Links stay inside the portal: this machine class has no internet, and the
// people using the portal want their own tools, not Backstage's project pages.
function GettingStarted() {
  const { t } = useTranslationRef(appTranslationRef);
  return <MarkdownContent content={t('home.welcome')} />;
}

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'What the portal offers and where to start',
    components: async () => ({
      Content: GettingStarted,
    }),
  },
});

const myEnvironmentsWidget = HomePageWidgetBlueprint.make({
  name: 'my-environments',
  params: {
    name: 'MyEnvironments',
    title: 'My environments',
    description: 'The environments your groups own, with state and expiry',
    components: async () => ({
      Content: () => <MyEnvironmentsCard />,
    }),
  },
});

const myServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'MyServices',
    title: 'My services',
    description: 'Your services: health per environment, SLO and latest build',
    components: async () => ({
      Content: () => <MyServicesCard />,
    }),
  },
});

// Unread notifications: the notifications plugin's own home widget
// (UnreadNotifications), placed by app-config.yaml.
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget, myEnvironmentsWidget, myServicesWidget],
});
