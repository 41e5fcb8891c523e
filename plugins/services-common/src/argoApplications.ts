/*
 * Reads a service's Argo CD application in every environment through the
 * Argo CD backend plugin (`/api/argocd`), for the Deployments card in the
 * browser and the deployments tool in the backend alike.
 */
import type { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import type { ArgoApplication, ArgoResult } from './environmentRows';

export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';
/** The application's namespace, for apps outside Argo CD's own namespace. */
export const ARGOCD_APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** A Kubernetes namespace name (an RFC 1123 label). */
export const isNamespaceName = (value: string) =>
  value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);

/** The config an Argo CD instance list is read from (frontend ConfigApi or backend Config). */
export type ArgoConfig = Pick<Config, 'getOptionalConfigArray'>;

/** The Argo CD instances of the environments (argocd config, type `config`). */
export function argoInstances(config: ArgoConfig) {
  return (config.getOptionalConfigArray('argocd.appLocatorMethods') ?? [])
    .filter(m => m.getOptionalString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('instances') ?? [])
    .map(i => ({ name: i.getString('name'), url: i.getString('url') }));
}

/** What the Argo CD loader needs of an entity: its two Argo CD annotations. */
export function argoAnnotations(annotations: Record<string, string> = {}) {
  return {
    appName: annotations[ARGOCD_APP_NAME_ANNOTATION],
    appNamespace: annotations[ARGOCD_APP_NAMESPACE_ANNOTATION]?.trim(),
  };
}

/** Whether the Kubernetes plugin finds workloads of the entity. */
export const hasKubernetesAnnotation = (
  annotations: Record<string, string> = {},
) =>
  Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );

/**
 * Asks every environment's Argo CD (through the Argo CD backend plugin) for
 * the application `appName` (in `appNamespace`, when given). A server that
 * fails is reported on its own result. `fetch` carries the caller's
 * credentials.
 */
export async function loadArgoApplications(options: {
  appName?: string;
  appNamespace?: string;
  config: ArgoConfig;
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  fetch: typeof globalThis.fetch;
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
