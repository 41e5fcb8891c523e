import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  clusterOfTfVars,
  environmentLink,
  type EnvironmentCluster,
} from '@internal/plugin-environments-common';
import {
  environmentDir,
  readPlatformConfig,
  TFVARS_FILE,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentReader } from '../service/EnvironmentReader';

/** Where an environment's tools are: URL templates with `{name}`. */
export interface ClusterLinkTemplates {
  argocd?: string;
  grafana?: string;
  /** The Jenkins job that provisions environments (no `{name}`: one job). */
  jenkins?: string;
  /** Argo CD instance URL by name (`argocd.appLocatorMethods`), used without an `argocd` template. */
  argocdInstances: Record<string, string>;
}

/** The link templates from `platform.environments.links`, `platform.jenkins` and `argocd`. */
export function readClusterLinkTemplates(config: Config): ClusterLinkTemplates {
  const platform = readPlatformConfig(config);
  const argocdInstances: Record<string, string> = {};
  for (const method of config.getOptionalConfigArray(
    'argocd.appLocatorMethods',
  ) ?? []) {
    for (const instance of method.getOptionalConfigArray('instances') ?? []) {
      argocdInstances[instance.getString('name')] = instance.getString('url');
    }
  }
  const job = platform.jenkins.job
    .split('/')
    .map(n => `job/${encodeURIComponent(n)}`)
    .join('/');
  return {
    ...platform.links,
    jenkins: `${platform.jenkins.baseUrl}/${job}/`,
    argocdInstances,
  };
}

/**
 * An environment's declared cluster (its Terraform variables in the IaC
 * repository) and its tools' links, for whoever may read the environment.
 */
export class ClusterReader {
  constructor(
    private readonly options: {
      service: Pick<EnvironmentService, 'repo' | 'nameOf'>;
      reader: Pick<EnvironmentReader, 'read'>;
      links: ClusterLinkTemplates;
    },
  ) {}

  async read(
    nameOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentCluster> {
    // The same check as the environment's history: environment.read, and
    // that it exists.
    await this.options.reader.read(nameOrRef, credentials);
    const name = this.options.service.nameOf(nameOrRef);
    const file = `${environmentDir(name)}/${TFVARS_FILE}`;
    const files = await this.options.service.repo.readTree(
      environmentDir(name),
    );
    const text = files[file];
    if (text === undefined) {
      throw new NotFoundError(`Environment ${name} has no ${TFVARS_FILE}`);
    }
    return clusterOfTfVars(name, JSON.parse(text), this.linksOf(name));
  }

  private linksOf(name: string): EnvironmentCluster['links'] {
    const t = this.options.links;
    const candidates: [EnvironmentCluster['links'][number]['kind'], string?][] =
      [
        [
          'argocd',
          environmentLink(t.argocd, name) ??
            environmentLink(t.argocdInstances[name], name),
        ],
        ['grafana', environmentLink(t.grafana, name)],
        ['jenkins', environmentLink(t.jenkins, name)],
      ];
    return candidates.flatMap(([kind, url]) => (url ? [{ kind, url }] : []));
  }
}
