import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** The services plugin's strings: the Deployments and Argo CD history cards. */
export const servicesTranslationRef = createTranslationRef({
  id: 'services',
  messages: {
    deployments: {
      title: 'Deployments',
      subheader: 'What runs where, by environment',
      loadError: 'Could not load the deployments',
      retry: 'Retry',
      notDeployed: 'This service is not deployed to any environment yet.',
      tableLabel: 'Deployments by environment',
      columns: {
        environment: 'Environment',
        argocd: 'Argo CD',
        version: 'Version',
        pods: 'Pods',
      },
      argo: {
        openIn: 'Open in Argo CD ({{environment}})',
        unreachable: 'Argo CD of {{environment}} unreachable: {{message}}',
        absent: 'Not in Argo CD',
        none: 'No Argo CD for this environment',
        notCompared: 'Pending: Argo CD has not compared this application yet',
      },
      version: {
        rollingOut: 'rolling out; pods also run {{versions}}',
      },
      pods: {
        unreachable: 'Cluster {{environment}} unreachable: {{message}}',
        none: 'No pods',
        ready: '{{ready}}/{{total}} ready',
      },
      cost: {
        thisMonth: 'Cost this month',
        ofMonth: 'Cost, {{month}}',
        estimated: 'incl. estimates',
        unavailable: 'Cost unavailable: {{message}}',
        none: 'No cost data for this service in this environment',
      },
    },
    history: {
      title: 'Argo CD history',
      loadError: 'Could not load the history',
      retry: 'Retry',
      empty: 'No deploys yet.',
      tableLabel: 'Argo CD deploy history',
      columns: {
        environment: 'Environment',
        deployed: 'Deployed',
        took: 'Took',
        revision: 'Revision',
        commit: 'Commit',
      },
      duration: {
        hours: '{{h}}h {{m}}m {{s}}s',
        minutes: '{{m}}m {{s}}s',
        seconds: '{{s}}s',
      },
    },
  },
});
