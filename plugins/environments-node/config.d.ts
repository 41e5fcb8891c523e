import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Self-service EKS environments (plugins/environments-node reads these keys). */
  platform?: {
    /** The IaC Git repository the portal writes environments into. */
    iac: {
      /**
       * Any Git remote: https://, ssh://, file:// or a local path (relative
       * to the backend's working directory).
       */
      url: string;
      /** Branch to commit to. Default main. */
      branch?: string;
      /** HTTPS user name (e.g. x-access-token). */
      username?: string;
      /**
       * HTTPS token or password.
       * @visibility secret
       */
      token?: string;
      /** Author of the portal's commits. */
      authorName?: string;
      authorEmail?: string;
    };
    jenkins: {
      /** e.g. https://jenkins.example.com */
      baseUrl: string;
      /** Job path; folders with slashes, e.g. platform/environment. */
      job: string;
      username: string;
      /**
       * API token (preferred; no crumb needed).
       * @visibility secret
       */
      apiToken?: string;
      /**
       * Password, when no API token is available: the client then fetches a crumb.
       * @visibility secret
       */
      password?: string;
      /** Seconds between progress lines while a build is quiet. Default 20. */
      heartbeatSeconds?: number;
      /** Minutes to wait for a build before giving up. Default 90. */
      timeoutMinutes?: number;
    };
    environments?: {
      /**
       * Group whose members may do everything (default
       * group:default/platform-admins). The home page reads it too, to show
       * its members every environment that needs attention.
       * @visibility frontend
       */
      adminGroup?: string;
      /** Name tag of the existing VPC (default platform-vpc). */
      vpcName?: string;
      /** AWS account id of the environments (for IAM role ARNs). */
      awsAccountId?: string;
      /** How often the catalog re-reads the IaC repository. Default 60 s. */
      refreshSeconds?: number;
      /**
       * URL templates of an environment's tools for its page; `{name}` is
       * the environment's name. Without `argocd`, the Argo CD instance of
       * the same name in `argocd.appLocatorMethods` is linked. The Jenkins
       * job is always linked (`platform.jenkins`).
       */
      links?: {
        /** E.g. `https://argocd.{name}.acme.io` */
        argocd?: string;
        /** E.g. `https://grafana.acme.io/d/k8s-cluster?var-cluster={name}` */
        grafana?: string;
      };
      /**
       * Estimated prices (USD) shown in the create form.
       * @visibility frontend
       */
      pricing?: {
        /** @visibility frontend */
        controlPlanePerHour?: number;
        /** @visibility frontend */
        ebsPerGbMonth?: number;
        /** @visibility frontend */
        diskGbPerNode?: number;
        /** @visibility frontend */
        monitoringVolumeGb?: number;
        /** @visibility frontend */
        instancePerHour?: { [instanceType: string]: number };
      };
      /**
       * Example environments (catalog entity names) that the environments
       * plugin provisions through the create pipeline after start-up when
       * they have no recorded history, so a local portal shows real state
       * and runs. For local and test configs only; none by default.
       */
      examples?: string[];
      /**
       * Time-to-live per purpose in whole days (1 to 90): `defaultDays` is
       * what a create request naming none gets, `maxDays` the most a create
       * request or an extension may ask for. Defaults: dev 7/30, test 3/14;
       * staging and prod have neither (no expiry unless asked, at most 90).
       * The environment page reads it to offer extensions within the maximum.
       * @visibility frontend
       */
      ttl?: {
        /** @visibility frontend */
        dev?: {
          /** @visibility frontend */
          defaultDays?: number;
          /** @visibility frontend */
          maxDays?: number;
        };
        /** @visibility frontend */
        test?: {
          /** @visibility frontend */
          defaultDays?: number;
          /** @visibility frontend */
          maxDays?: number;
        };
        /** @visibility frontend */
        staging?: {
          /** @visibility frontend */
          defaultDays?: number;
          /** @visibility frontend */
          maxDays?: number;
        };
        /** @visibility frontend */
        prod?: {
          /** @visibility frontend */
          defaultDays?: number;
          /** @visibility frontend */
          maxDays?: number;
        };
      };
      expiry?: {
        /** Whether the portal destroys expired non-prod environments. Default true. */
        enabled?: boolean;
        /**
         * How often to look. Default every minute (a destroy starts within
         * minutes of the expiry), 2 hour timeout (a destroy waits for its
         * pipeline), 1 minute initial delay.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
