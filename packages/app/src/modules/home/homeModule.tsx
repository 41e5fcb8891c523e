import type { ComponentType, ReactNode } from 'react';
import {
  createFrontendModule,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { appTranslationRef } from '../../translation';
import { MyEnvironmentsCard } from './myEnvironments/MyEnvironmentsCard';
import { MyServicesCard } from './myServices/MyServicesCard';

type TitleKey =
  | 'home.widgetTitle'
  | 'home.myEnvironments.title'
  | 'home.myServices.title';

/**
 * The home grid draws a widget's `title` as given, in English only; these
 * widgets draw their own card instead, with the title in the user's
 * language (the Renderer below hands the grid cell to the content).
 */
function WidgetCard(props: { titleKey: TitleKey; children: ReactNode }) {
  const { t } = useTranslationRef(appTranslationRef);
  return <InfoCard title={t(props.titleKey)}>{props.children}</InfoCard>;
}

const OWN_CARD = {
  Renderer: ({ Content }: { Content: () => JSX.Element }) => <Content />,
};

// Links stay inside the portal: this machine class has no internet, and the
// people using the portal want their own tools, not Backstage's project pages.
function GettingStarted() {
  const { t } = useTranslationRef(appTranslationRef);
  return (
    <WidgetCard titleKey="home.widgetTitle">
      <MarkdownContent content={t('home.welcome')} />
    </WidgetCard>
  );
}

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    description: 'What the portal offers and where to start',
    componentProps: OWN_CARD,
    components: async () => ({
      Content: GettingStarted,
    }),
  },
});

/** A widget of `Card` in a card of its own, titled `titleKey`. */
function cardWidget(options: {
  name: string;
  widgetName: string;
  description: string;
  titleKey: TitleKey;
  Card: ComponentType;
}) {
  const { Card, titleKey } = options;
  return HomePageWidgetBlueprint.make({
    name: options.name,
    params: {
      name: options.widgetName,
      description: options.description,
      componentProps: OWN_CARD,
      components: async () => ({
        Content: () => (
          <WidgetCard titleKey={titleKey}>
            <Card />
          </WidgetCard>
        ),
      }),
    },
  });
}

const myEnvironmentsWidget = cardWidget({
  name: 'my-environments',
  widgetName: 'MyEnvironments',
  description: 'The environments your groups own, with state and expiry',
  titleKey: 'home.myEnvironments.title',
  Card: MyEnvironmentsCard,
});

const myServicesWidget = cardWidget({
  name: 'my-services',
  widgetName: 'MyServices',
  description: 'Your services: health per environment, SLO and latest build',
  titleKey: 'home.myServices.title',
  Card: MyServicesCard,
});

// Unread notifications: the notifications plugin's own home widget
// (UnreadNotifications), placed by app-config.yaml.
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget, myEnvironmentsWidget, myServicesWidget],
});
