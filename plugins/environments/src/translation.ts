import { createTranslationRef } from '@backstage/frontend-plugin-api';

/** The environment card's and the create form's estimate strings. */
export const environmentsTranslationRef = createTranslationRef({
  id: 'environments',
  messages: {
    card: {
      title: 'Environment',
      tableLabel: 'Environment state',
      status: 'Status',
      purpose: 'Purpose',
      region: 'Region',
      lastRun: 'Last pipeline run',
      pipelineLog: 'Pipeline log',
      noRunYet: 'none yet',
      expires: 'Expires',
      expiryNotSet: 'not set',
      neverExpires: 'never (not a dev/test environment)',
      extend: 'Extend by {{days}} days',
      extended: 'Expiry extended to {{date}}',
      extendFailed: 'Could not extend the expiry: {{message}}',
      state: {
        requested: 'requested',
        provisioning: 'provisioning',
        ready: 'ready',
        updating: 'updating',
        destroying: 'destroying',
        destroyed: 'destroyed',
        failed: 'failed',
        unknown: 'unknown',
      },
      operation: {
        create: 'create',
        update: 'update',
        extend: 'extend',
        destroy: 'destroy',
      },
      runs: {
        title: 'Last pipeline runs',
        tableLabel: 'Pipeline runs',
        operation: 'Asked',
        by: 'By',
        when: 'When',
        result: 'Result',
        build: 'Jenkins build',
        buildLink: '#{{number}}',
        commit: 'Git commit',
        running: 'running',
        empty: 'No pipeline run recorded yet.',
        error: 'Could not load the pipeline runs: {{message}}',
      },
    },
    estimate: {
      label: 'Estimated monthly cost',
      perMonth: '{{amount}} / month',
      breakdown:
        'Control plane {{controlPlane}} + {{nodeCount}} x {{instanceType}} nodes {{nodes}} + storage {{storage}}',
      choose: 'Choose an instance type and node count to see the estimate.',
    },
  },
});
