import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  alerts?: {
    /**
     * Argo CD sync failures and degraded health as alerts
     * (plugins/alerts-backend-module-argocd). The instances and their
     * credentials are the Argo CD plugin's: `argocd.appLocatorMethods`
     * (type `config`) `instances[]` with `token`, or `username` and
     * `password` (else `argocd.username` / `argocd.password`).
     */
    argocd?: {
      /** Poll Argo CD at all. Default true. */
      enabled?: boolean;
      /**
       * How often to poll every instance. A global task: one replica runs it
       * per cadence. Default every 2 minutes, 5 minute timeout, 30 s initial
       * delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Longest wait for one Argo CD request, in seconds. Default 20. */
      requestTimeoutSeconds?: number;
    };
  };
}
