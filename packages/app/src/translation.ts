import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** The app's own strings: sign-in page, sidebar, home page, CI/CD tab, Argo CD card. */
export const appTranslationRef = createTranslationRef({
  id: 'portal-app',
  messages: {
    signIn: {
      title: 'EKS Developer Portal',
      providerTitle: 'Keycloak',
      providerMessage: 'Sign in with your company account',
    },
    nav: {
      search: 'Search',
      menu: 'Menu',
      settings: 'Settings',
      homeLink: 'Home',
      logoTitle: 'EKS Portal',
      logoSubtitle: 'Platform',
      // Sidebar titles of the pages, by page extension id.
      pages: {
        home: 'Home',
        catalog: 'Catalog',
        scaffolder: 'Create...',
        apiDocs: 'APIs',
        catalogImport: 'Register',
        catalogGraph: 'Catalog Graph',
        costUptime: 'Cost & Uptime',
        environments: 'Environments',
        kubernetes: 'Kubernetes',
        search: 'Search',
        userSettings: 'Settings',
        appVisualizer: 'Visualizer',
        notifications: 'Notifications',
      },
    },
    home: {
      myEnvironments: {
        title: 'My environments',
        loading: 'Loading your environments',
        error: "Couldn't load your environments",
        empty: 'You own no environments yet.',
        create: 'Create one',
        noExpiry: 'Does not expire',
        // relative: "in 3 days"; date: the date and time in the user's zone.
        expires: 'Expires {{relative}} ({{date}})',
        stateUnknown: 'unknown',
        states: {
          requested: 'requested',
          provisioning: 'provisioning',
          ready: 'ready',
          updating: 'updating',
          paused: 'paused',
          destroying: 'destroying',
          destroyed: 'destroyed',
          failed: 'failed',
        },
        cost: '{{amount}} this month',
        costEstimated: '{{amount}} this month (estimated)',
        costUnavailable: 'cost unavailable',
        attentionTitle: 'Needs attention (all environments)',
        attentionNone: 'No environment failed or expires today.',
        attentionFailed: 'Failed',
        attentionExpiresToday: 'Expires today',
      },
      myServices: {
        title: 'My services',
        widgetDescription:
          'Your services: health per environment, SLO and latest build',
        loading: 'Loading your services',
        error: "Couldn't load your services",
        empty: 'You own no services yet.',
        create: 'Create one',
        unreachable: 'unreachable',
        notDeployed: 'Not deployed by Argo CD',
        // availability and target as percentages; environment: the worst one.
        sloMet:
          'SLO met: {{availability}} in {{environment}} (target {{target}}, 30 days)',
        sloMissed:
          'SLO missed: {{availability}} in {{environment}} (target {{target}}, 30 days)',
        noSlo: 'No availability data yet',
        uptimeError: 'Availability unavailable: {{message}}',
        build: 'Build #{{number}}: {{result}}',
      },
      widgetTitle: 'Getting started',
      widgetDescription: 'What the portal offers and where to start',
      welcome: `## Welcome to the EKS developer portal

One place to see what runs where on the company's EKS clusters, who owns it,
and what it costs.

- **[Catalog](/catalog)**: every system, service, API and environment, with
  its owner.
- **[Create](/create)**: start a new service or a whole environment from a
  template.
- **[APIs](/api-docs)**: the APIs our services offer, with their definitions.

New here? Open the catalog, filter by your team and star what you work on: it
shows up on this page next time.`,
    },
    jenkins: {
      jobNotFound: "Can't find the Jenkins job",
      cannotConnect: "Can't connect to Jenkins",
      latestRun: 'Latest Jenkins build',
      // The entity tab of the service's Jenkins jobs.
      tabTitle: 'CI/CD',
    },
    argocd: {
      // The Argo CD plugin's overview card on a service's Overview.
      overviewTitle: 'Argo CD overview',
    },
  },
});
