import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ConfigApi,
  configApiRef,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import {
  ANNOTATION_SERVICE,
  CostUptimeClient,
} from '@internal/plugin-cost-uptime-common';
import {
  ArgoApplication,
  ArgoResult,
  buildEnvironmentRows,
  CostResult,
  EnvironmentRow,
} from './environmentRows';

export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
/** The application's namespace, for apps outside Argo CD's own namespace. */
export const ARGOCD_APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** A Kubernetes namespace name (an RFC 1123 label). */
export const isNamespaceName = (value: string) =>
  value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);

/** The Argo CD instances of the environments (argocd config, type `config`). */
export function argoInstances(config: ConfigApi) {
  return (config.getOptionalConfigArray('argocd.appLocatorMethods') ?? [])
    .filter(m => m.getOptionalString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('instances') ?? [])
    .map(i => ({ name: i.getString('name'), url: i.getString('url') }));
}

/**
 * Asks every environment's Argo CD (through the Argo CD backend plugin) for
 * the application `appName` (in `appNamespace`, when given). A server that
 * fails is reported on its own result.
 */
export async function loadArgoApplications(options: {
  appName?: string;
  appNamespace?: string;
  config: ConfigApi;
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  fetch: FetchApi['fetch'];
}): Promise<ArgoResult[]> {
  const { appName, appNamespace, config, discovery, fetch } = options;
  if (!appName) return [];
  const instances = argoInstances(config);
  if (appNamespace && !isNamespaceName(appNamespace)) {
    const message = `The ${ARGOCD_APP_NAMESPACE_ANNOTATION} annotation "${appNamespace}" is not a Kubernetes namespace name`;
    return instances.map(({ name, url }) => ({
      instance: name,
      url,
      state: 'error',
      message,
    }));
  }
  const base = await discovery.getBaseUrl('argocd');
  return Promise.all(
    instances.map(async ({ name, url }): Promise<ArgoResult> => {
      try {
        const response = await fetch(
          `${base}/argoInstance/${encodeURIComponent(
            name,
          )}/applications/name/${encodeURIComponent(appName)}${
            appNamespace
              ? `?appNamespace=${encodeURIComponent(appNamespace)}`
              : ''
          }`,
        );
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        const application = (await response.json()) as ArgoApplication;
        return {
          instance: name,
          url,
          state: 'found',
          application,
          appNamespace: appNamespace || undefined,
        };
      } catch (e) {
        const message =
          e instanceof ResponseError ? e.body.error.message : String(e);
        // The Argo CD backend reports an application Argo CD does not have
        // as "Request failed with 404": the service is not in that environment.
        if (/\b404\b/.test(message)) {
          return { instance: name, url, state: 'absent' };
        }
        return { instance: name, url, state: 'error', message };
      }
    }),
  );
}

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
  const annotations = entity.metadata.annotations ?? {};
  const appName = annotations[ARGOCD_APP_NAME_ANNOTATION];
  const appNamespace = annotations[ARGOCD_APP_NAMESPACE_ANNOTATION]?.trim();
  const hasKubernetes = Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );

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
    if (!costService) return { state: 'none' };
    try {
      const costs = await new CostUptimeClient({
        discoveryApi: discovery,
        fetchApi: { fetch },
      }).getServiceCostByEnvironment(costService);
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
  }, [costService, discovery, fetch]);

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
