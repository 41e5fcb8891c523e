import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_APP_SELECTOR_ANNOTATION,
  ARGOCD_COMPONENTS_REQUEST,
} from '@internal/plugin-argocd-common';
import { ArgoCdApplication } from './ArgoCdClient';
import { CONTROL_PLANE_NAMESPACE } from './applicationFields';

/** The Argo CD namespace of a Component's applications. */
const APP_NAMESPACE_ANNOTATION = 'argocd/app-namespace';

/**
 * A `k=v[,k2=v2]` label selector, as `argocd/app-selector` holds it and
 * Argo CD's `?selector=` takes it; undefined when it is not one.
 */
function parseSelector(selector: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const term of selector.split(',')) {
    const match = /^\s*([^=!\s]+)\s*==?\s*([^=\s]*)\s*$/.exec(term);
    if (!match) return undefined;
    labels[match[1]] = match[2];
  }
  return labels;
}

/**
 * Finds the catalog Component an Argo CD application belongs to: the one
 * whose `argocd/app-name` is the application's name, else the one whose
 * `argocd/app-selector` labels the application carries; in both cases in
 * the component's `argocd/app-namespace` (Argo CD's own namespace without
 * one).
 */
export class ApplicationOwners {
  private readonly components: Entity[];

  static async load(catalog: CatalogService, auth: AuthService) {
    const { items } = await catalog.getEntities(ARGOCD_COMPONENTS_REQUEST, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    return new ApplicationOwners(items);
  }

  constructor(components: Entity[]) {
    this.components = components;
  }

  /** The entity ref of the application's Component, if the catalog has one. */
  componentOf(app: ArgoCdApplication): string | undefined {
    const namespace = app.metadata.namespace || CONTROL_PLANE_NAMESPACE;
    const candidates = this.components.filter(
      c =>
        (c.metadata.annotations?.[APP_NAMESPACE_ANNOTATION]?.trim() ||
          CONTROL_PLANE_NAMESPACE) === namespace,
    );
    const byName = candidates.find(
      c =>
        c.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION] ===
        app.metadata.name,
    );
    const component =
      byName ??
      candidates.find(c => {
        const selector =
          c.metadata.annotations?.[ARGOCD_APP_SELECTOR_ANNOTATION];
        const labels = selector ? parseSelector(selector) : undefined;
        return (
          labels !== undefined &&
          Object.entries(labels).every(
            ([k, v]) => app.metadata.labels?.[k] === v,
          )
        );
      });
    return component
      ? stringifyEntityRef({ ...component, kind: 'Component' })
      : undefined;
  }
}
