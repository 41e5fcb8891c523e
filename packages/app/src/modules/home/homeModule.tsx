import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

// Links stay inside the portal: this machine class has no internet, and the
// people using the portal want their own tools, not Backstage's project pages.
const content = `
## Welcome to the EKS developer portal

One place to see what runs where on the company's EKS clusters, who owns it,
and what it costs.

- **[Catalog](/catalog)**: every system, service, API and environment, with
  its owner.
- **[Create](/create)**: start a new service or a whole environment from a
  template.
- **[APIs](/api-docs)**: the APIs our services offer, with their definitions.

New here? Open the catalog, filter by your team and star what you work on: it
shows up on this page next time.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'What the portal offers and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
