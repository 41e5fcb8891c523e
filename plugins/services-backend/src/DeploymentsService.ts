/*
 * A service's deployments per environment, read as the caller: the catalog
 * entity with the caller's credentials (an entity they may not see is not
 * found), then the Argo CD and Kubernetes backend plugins with a token on
 * the caller's behalf, so those plugins apply the caller's permissions.
 * The rows come from the same builder the Deployments card uses.
 */
import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import {
  argoAnnotations,
  buildEnvironmentRows,
  hasKubernetesAnnotation,
  loadArgoApplications,
  type ArgoConfig,
  type EnvironmentRow,
} from '@internal/plugin-services-common';

/** The deployment picture of one service. */
export interface DeploymentsService {
  /**
   * One row per environment the service runs in (or only `environment`'s),
   * as the Deployments card shows them. NotFoundError when the caller cannot
   * see the entity.
   */
  getDeployments(
    entityRef: string,
    options: { credentials: BackstageCredentials; environment?: string },
  ): Promise<{ entityRef: string; rows: EnvironmentRow[] }>;
}

export interface DefaultDeploymentsServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
  /** Where the Argo CD instances are listed (`argocd.appLocatorMethods`). */
  config: ArgoConfig;
}

export class DefaultDeploymentsService implements DeploymentsService {
  constructor(private readonly options: DefaultDeploymentsServiceOptions) {}

  async getDeployments(
    entityRef: string,
    options: { credentials: BackstageCredentials; environment?: string },
  ) {
    const { catalog, config, discovery } = this.options;
    const { credentials, environment } = options;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`There is no service ${entityRef}`);
    }
    const annotations = entity.metadata.annotations ?? {};
    const [argo, kubernetes] = await Promise.all([
      loadArgoApplications({
        ...argoAnnotations(annotations),
        config,
        discovery,
        fetch: await this.fetchAs(credentials, 'argocd'),
      }),
      hasKubernetesAnnotation(annotations)
        ? this.kubernetesObjects(entityRef, credentials)
        : undefined,
    ]);
    const rows = buildEnvironmentRows(argo, kubernetes).filter(
      r => !environment || r.environment === environment,
    );
    return { entityRef, rows };
  }

  /** A fetch that calls `targetPluginId` on the caller's behalf. */
  private async fetchAs(
    credentials: BackstageCredentials,
    targetPluginId: string,
  ): Promise<typeof fetch> {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId,
    });
    return (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${token}` },
      });
  }

  /**
   * The service's workloads in every cluster, from the Kubernetes backend's
   * workloads query (it reads the entity again with the caller's
   * credentials). A failure is reported on the rows, as on the card.
   */
  private async kubernetesObjects(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ObjectsByEntityResponse | { error: string }> {
    try {
      const fetchAs = await this.fetchAs(credentials, 'kubernetes');
      const base = await this.options.discovery.getBaseUrl('kubernetes');
      const response = await fetchAs(`${base}/resources/workloads/query`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRef, auth: {} }),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as ObjectsByEntityResponse;
    } catch (e) {
      return {
        error: e instanceof ResponseError ? e.body.error.message : String(e),
      };
    }
  }
}
