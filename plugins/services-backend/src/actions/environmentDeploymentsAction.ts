/*
 * What runs in one environment, for AI agents: every service the caller may
 * see that Argo CD or Kubernetes deploys, with that environment's row of the
 * Deployments card (sync, health, version, failing pods).
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  argoAnnotations,
  hasKubernetesAnnotation,
  parseEnvironmentName,
} from '@internal/plugin-services-common';
import type { DeploymentsService } from '../DeploymentsService';
import { deploymentOutput, environmentSchema } from './deploymentsActions';

export interface EnvironmentDeploymentsActionOptions {
  actionsRegistry: ActionsRegistryService;
  deployments: DeploymentsService;
  catalog: Pick<CatalogService, 'getEntities'>;
}

export function registerEnvironmentDeploymentsAction(
  options: EnvironmentDeploymentsActionOptions,
) {
  const { actionsRegistry, deployments, catalog } = options;
  actionsRegistry.register({
    name: 'get-environment-deployments',
    title: 'What runs in an environment',
    description: `Every service deployed in one environment (e.g. "dev-a"), each with its Argo CD sync and health, deployed version and failing pods, as the Deployments card of the service's page shows that environment.
Services you may not see in the catalog are left out. For one service in every environment, call get-deployments.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          environment: z
            .string()
            .max(63)
            .describe('The environment, e.g. "dev-a"'),
        }),
      output: z =>
        z.object({
          environment: z.string(),
          services: z.array(
            z.object({
              service: z.string().describe('The entity ref'),
              deployment: environmentSchema(z),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const environment = parseEnvironmentName(input.environment);
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'Component' },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials },
      );
      const deployed = items.filter(e => {
        const a = e.metadata.annotations ?? {};
        return (
          Boolean(argoAnnotations(a).appName) || hasKubernetesAnnotation(a)
        );
      });
      const services = await Promise.all(
        deployed.map(async entity => {
          const ref = stringifyEntityRef(entity);
          const { rows } = await deployments.getDeployments(ref, {
            credentials,
            environment,
          });
          return rows
            .filter(
              r =>
                r.argo.state === 'found' ||
                (r.pods.state === 'found' && r.pods.total > 0),
            )
            .map(r => ({ service: ref, deployment: deploymentOutput(r) }));
        }),
      );
      return { output: { environment, services: services.flat() } };
    },
  });
}
