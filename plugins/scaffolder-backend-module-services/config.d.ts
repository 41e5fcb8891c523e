export interface Config {
  /**
   * The new-service software template (templates/new-service): where it
   * publishes the application and manifest repositories, and the values its
   * generated Jenkinsfile, manifests and catalog entry are built from.
   */
  newService?: {
    /**
     * Publish to GitHub (publish:github, and a pull request on the manifest
     * repository) instead of `git`. Used only when `integrations.github` also
     * has an entry for `host` with credentials.
     */
    github?: {
      /** GitHub host, default github.com. */
      host?: string;
      /** Organisation (or user) the application repositories are created in. */
      owner: string;
      /** Name of the manifest repository in that organisation. */
      manifestsRepo: string;
    };
    /**
     * Publish to any Git remote with the git CLI (when GitHub is not
     * configured). URLs are https://, ssh:// or file:// URLs, or local paths
     * (relative to the backend's working directory), for which the bare
     * repositories are created when missing.
     */
    git?: {
      /** Application repositories are `{appsBaseUrl}/{name}.git`. */
      appsBaseUrl: string;
      /** The manifest repository (one for all services). */
      manifestsUrl: string;
      /** Branch of both, default main. */
      branch?: string;
      /** User for https remotes (with `token`). */
      username?: string;
      /**
       * Token or password for https remotes; from the environment.
       * @visibility secret
       */
      token?: string;
      /** Commit author, default "Backstage Scaffolder <scaffolder@backstage.local>". */
      author?: { name: string; email: string };
    };
    /** Amazon ECR: images are `{registry}/{name}`. */
    ecr: {
      /** e.g. 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com */
      registry: string;
      /** e.g. ap-northeast-2 */
      region: string;
    };
    /** Ingress host of a service: `{name}.{environment}.{domain}`. */
    ingress: {
      domain: string;
      /** ALB ingress group shared by the services of an environment (default: services). */
      albGroup?: string;
    };
    /** Jenkins: the job of a service is `{folder}/{name}`. */
    jenkins: {
      folder: string;
      /** Jenkins credentials id of the manifest repository (default manifest-repo-git). */
      manifestsCredentialsId?: string;
    };
  };
}
