/*
 * What runs in one environment: the Argo CD applications its Argo CD
 * instance (the instance named as the environment) deploys for the catalog's
 * services, read with the same loader and row builder as the services'
 * Deployments card (@internal/plugin-services-common).
 */
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  argoAnnotations,
  argoInstances,
  buildEnvironmentRows,
  loadArgoApplications,
  type ArgoConfig,
  type EnvironmentRow,
} from '@internal/plugin-services-common';

/** One service's application in the environment. */
export interface RunningService {
  /** The service's catalog entity ref (its page). */
  serviceRef: string;
  title: string;
  /** The Argo CD application's name. */
  application: string;
  argo: EnvironmentRow['argo'];
}

export type WhatRunsHere =
  /** The environment has no Argo CD instance in config. */
  | { state: 'no-argocd' }
  | { state: 'found'; argoUrl: string; services: RunningService[] };

/** Only the environment's own Argo CD instance, so the loader asks that one. */
function instanceConfig(config: ArgoConfig, environment: string) {
  const instances = argoInstances(config).filter(i => i.name === environment);
  return {
    instances,
    config: new ConfigReader({
      argocd: { appLocatorMethods: [{ type: 'config', instances }] },
    }),
  };
}

/**
 * Asks the environment's Argo CD for the application of each service (the
 * Components with `argocd/app-name`). A service whose application is not
 * there is left out; one whose answer failed is listed with the error.
 */
export async function loadWhatRunsHere(options: {
  environment: string;
  services: Entity[];
  config: ArgoConfig;
  discovery: { getBaseUrl(pluginId: string): Promise<string> };
  fetch: typeof globalThis.fetch;
}): Promise<WhatRunsHere> {
  const { environment, services, discovery, fetch } = options;
  const { instances, config } = instanceConfig(options.config, environment);
  if (instances.length === 0) return { state: 'no-argocd' };
  const found = await Promise.all(
    services.map(async (entity): Promise<RunningService | undefined> => {
      const { appName, appNamespace } = argoAnnotations(
        entity.metadata.annotations,
      );
      if (!appName) return undefined;
      const argo = await loadArgoApplications({
        appName,
        appNamespace,
        config,
        discovery,
        fetch,
      });
      const [row] = buildEnvironmentRows(argo, undefined);
      if (!row || row.argo.state === 'absent') return undefined;
      return {
        serviceRef: stringifyEntityRef(entity),
        title: entity.metadata.title ?? entity.metadata.name,
        application: appName,
        argo: row.argo,
      };
    }),
  );
  return {
    state: 'found',
    argoUrl: instances[0].url,
    services: found.filter((s): s is RunningService => !!s),
  };
}
