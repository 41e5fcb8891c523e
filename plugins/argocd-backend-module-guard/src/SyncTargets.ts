import type { AuthService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_APP_SELECTOR_ANNOTATION,
  ARGOCD_COMPONENTS_REQUEST,
} from '@internal/plugin-argocd-common';
import type { ArgoServiceApi } from '@roadiehq/backstage-plugin-argo-cd-node';
import { parseSelector } from './inputs';

/** One Argo CD application a sync would reach, and who it belongs to. */
export type SyncTarget = {
  instance: string;
  application: string;
  /**
   * The catalog entities the application belongs to: those naming it in
   * `argocd/app-name`, else those whose `argocd/app-selector` it matches.
   * Empty when no entity claims it.
   */
  entityRefs: string[];
};

/** Finds what a sync by label selector would reach. */
export interface SyncTargetFinder {
  /**
   * Every application of every configured Argo CD instance that matches the
   * selector, with the entities it belongs to. Throws when an instance does
   * not answer: what it holds cannot be checked.
   */
  find(selector: string): Promise<SyncTarget[]>;
}

type ArgoApp = { metadata: { name: string; labels?: Record<string, string> } };

/**
 * Lists applications from Argo CD with the portal's own Argo CD account (the
 * one the Argo CD plugin syncs with) and matches them to catalog Components.
 */
export class ArgoSyncTargetFinder implements SyncTargetFinder {
  constructor(
    private readonly argo: Pick<
      ArgoServiceApi,
      'getArgoInstanceArray' | 'getArgoToken' | 'getArgoAppData'
    >,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async find(selector: string): Promise<SyncTarget[]> {
    parseSelector(selector);
    const [apps, components] = await Promise.all([
      this.listApps(selector),
      this.claimingComponents(),
    ]);
    return apps.map(({ instance, app }) => ({
      instance,
      application: app.metadata.name,
      entityRefs: claimantsOf(app, components),
    }));
  }

  private async listApps(selector: string) {
    const perInstance = await Promise.all(
      this.argo.getArgoInstanceArray().map(async instance => {
        try {
          const token = await this.argo.getArgoToken(instance);
          const data = await this.argo.getArgoAppData(
            instance.url,
            instance.name,
            token,
            { selector },
          );
          return ((data?.items ?? []) as ArgoApp[]).map(app => ({
            instance: instance.name,
            app,
          }));
        } catch (e) {
          throw new ServiceUnavailableError(
            `Argo CD ${
              instance.name
            } did not list the applications of ${selector}, so nothing was synced: ${
              (e as Error).message
            }`,
          );
        }
      }),
    );
    return perInstance.flat();
  }

  private async claimingComponents(): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      ARGOCD_COMPONENTS_REQUEST,
      {
        credentials: await this.auth.getOwnServiceCredentials(),
      },
    );
    return items;
  }
}

/** The portal's mapping of an application to entities (see SyncTarget). */
export function claimantsOf(app: ArgoApp, components: Entity[]): string[] {
  const byName = components.filter(
    c =>
      c.metadata.annotations?.[ARGOCD_APP_NAME_ANNOTATION] ===
      app.metadata.name,
  );
  const claimants = byName.length
    ? byName
    : components.filter(c => {
        const selector =
          c.metadata.annotations?.[ARGOCD_APP_SELECTOR_ANNOTATION];
        if (!selector) return false;
        let labels: Record<string, string>;
        try {
          labels = parseSelector(selector);
        } catch {
          return false;
        }
        return Object.entries(labels).every(
          ([k, v]) => app.metadata.labels?.[k] === v,
        );
      });
  return claimants.map(c =>
    stringifyEntityRef({ ...c, kind: c.kind ?? 'Component' }),
  );
}
