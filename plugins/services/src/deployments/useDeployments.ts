/*
 * The Deployments card's data: the same loaders and the same row builder
 * (@internal/plugin-services-common) as the get-deployments tool of
 * plugins/services-backend, so the card and the tool agree.
 */
import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { costUptimeApiRef } from '@internal/plugin-cost-uptime';
import { ANNOTATION_SERVICE } from '@internal/plugin-cost-uptime-common';
import {
  argoAnnotations,
  buildEnvironmentRows,
  CostResult,
  EnvironmentRow,
  hasKubernetesAnnotation,
  loadArgoApplications,
} from '@internal/plugin-services-common';

/**
 * Asks every environment's Argo CD for the service's application (through the
 * Argo CD backend plugin) and every cluster for its workloads (through the
 * Kubernetes backend plugin). A server that fails is reported on its row; it
 * does not hide the others.
 */
export function useDeployments(entity: Entity) {
  const config = useApi(configApiRef);
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const kubernetes = useApi(kubernetesApiRef);
  // The cost plugin's own client; absent when the app runs without that plugin.
  const costApi = useApiHolder().get(costUptimeApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const { appName, appNamespace } = argoAnnotations(annotations);
  const hasKubernetes = hasKubernetesAnnotation(annotations);

  const loadArgo = useCallback(
    () =>
      loadArgoApplications({
        appName,
        appNamespace,
        config,
        discovery,
        fetch,
      }),
    [appName, appNamespace, config, discovery, fetch],
  );

  const costService = annotations[ANNOTATION_SERVICE];
  const loadCost = useCallback(async (): Promise<CostResult> => {
    if (!costService || !costApi) return { state: 'none' };
    try {
      const costs = await costApi.getServiceCostByEnvironment(costService);
      return {
        state: 'found',
        currency: costs.currency,
        month: costs.month,
        byEnvironment: Object.fromEntries(
          costs.environments.map(e => [
            e.environment,
            { amount: e.amount, estimated: e.estimated },
          ]),
        ),
      };
    } catch (e) {
      // Without the cost plugin the backend has no such route: no cost data,
      // not an error. Anything else is shown, and the rest of the card stays.
      if (e instanceof ResponseError && e.statusCode === 404) {
        return { state: 'none' };
      }
      const message =
        e instanceof ResponseError ? e.body.error.message : String(e);
      return { state: 'error', message };
    }
  }, [costService, costApi]);

  const state = useAsyncRetry(async (): Promise<EnvironmentRow[]> => {
    const [argo, k8s, cost] = await Promise.all([
      loadArgo(),
      hasKubernetes
        ? kubernetes
            .getObjectsByEntity({ entity, auth: {} })
            .catch((e: Error) => ({ error: e.message }))
        : Promise.resolve(undefined),
      loadCost(),
    ]);
    return buildEnvironmentRows(argo, k8s, cost);
  }, [entity, loadArgo, loadCost, hasKubernetes, kubernetes]);

  return state;
}
