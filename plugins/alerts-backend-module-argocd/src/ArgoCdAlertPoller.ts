import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AlertsService, DeploymentEvent } from '@internal/plugin-alerts-node';
import { ApplicationOwners } from './ApplicationOwners';
import { ArgoCdApplication, ArgoCdClient } from './ArgoCdClient';
import { ArgoCdAlertStore } from './database/ArgoCdAlertStore';
import { qualifiedName, revisionOf } from './applicationFields';

/** Operation phases of a sync that did not go through. */
const FAILED_PHASES = new Set(['Failed', 'Error']);

/** What one poll did, for logs and tests. */
export interface PollSummary {
  instances: { name: string; applications: number; error?: string }[];
  raised: { id: string; status: string }[];
}

/**
 * One poll of every Argo CD instance: an application whose current sync
 * operation failed raises `deployment.sync-failed`, one whose health is
 * Degraded raises `deployment.degraded`, for the owners of its catalog
 * Component (fallback recipients when the catalog has none).
 *
 * Ids, so that each occurrence is alerted once however often it is polled,
 * by however many replicas:
 * - sync failure: instance, application, the operation's `startedAt` and
 *   revision (a multi-source application's revisions, joined). These are
 *   Argo CD's own fields; a new sync attempt gets a new `startedAt`.
 * An application outside Argo CD's own namespace is named `namespace/name`
 * in ids, the table and the alert, as Argo CD qualifies it.
 * - degradation: instance, application and when this module first saw it
 *   Degraded. Argo CD does not say since when an application is Degraded,
 *   and the revision does not change when a running application degrades
 *   (or recovers and degrades again), so the module keeps that time in its
 *   table (`argocd_application_alerts`) and clears it on recovery.
 * The alerts backend deduplicates by id; the table also remembers the ids
 * raised, so a lasting failure is not raised again every poll.
 */
export class ArgoCdAlertPoller {
  private readonly clients: ArgoCdClient[];
  private readonly store: ArgoCdAlertStore;
  private readonly alerts: AlertsService;
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    clients: ArgoCdClient[];
    store: ArgoCdAlertStore;
    alerts: AlertsService;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.clients = options.clients;
    this.store = options.store;
    this.alerts = options.alerts;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async poll(): Promise<PollSummary> {
    const summary: PollSummary = { instances: [], raised: [] };
    const owners = await ApplicationOwners.load(this.catalog, this.auth);
    for (const client of this.clients) {
      const name = client.instance.name;
      let applications: ArgoCdApplication[];
      try {
        applications = await client.listApplications();
      } catch (error) {
        // One instance down (or refusing our credentials) must not hide the others.
        const message = `${error}`;
        this.logger.warn(
          `Argo CD instance ${name} (${client.instance.url}) skipped: ${message}`,
        );
        summary.instances.push({ name, applications: 0, error: message });
        continue;
      }
      summary.instances.push({ name, applications: applications.length });
      const states = await this.store.list(name);
      for (const app of applications) {
        const raised = await this.check(client, app, owners, states);
        summary.raised.push(...raised);
      }
      await this.store.forgetOthers(name, applications.map(qualifiedName));
    }
    return summary;
  }

  private async check(
    client: ArgoCdClient,
    app: ArgoCdApplication,
    owners: ApplicationOwners,
    states: Awaited<ReturnType<ArgoCdAlertStore['list']>>,
  ) {
    const instance = client.instance.name;
    const application = qualifiedName(app);
    const state = states.get(application);
    const entityRef = owners.componentOf(app);
    const common = {
      application,
      environment: instance,
      entityRef,
      // The component's page in the portal; without one, the app in Argo CD.
      link: entityRef
        ? entityPage(entityRef)
        : client.applicationUrl(application),
    };
    const raised: PollSummary['raised'] = [];
    // First, so the application has its row before any alert is noted in it.
    const healthStatus = app.status?.health?.status ?? 'Unknown';
    const degradedSince = await this.store.recordHealth({
      instance,
      application,
      healthStatus,
      now: this.now(),
    });

    const operation = app.status?.operationState;
    if (operation?.phase && FAILED_PHASES.has(operation.phase)) {
      const revision =
        revisionOf(operation.operation?.sync) ??
        revisionOf(operation.syncResult);
      const id = `deployment.sync-failed:${instance}/${application}@${
        operation.startedAt ?? ''
      }:${revision ?? ''}`;
      if (state?.syncFailedAlertId !== id) {
        const result = await this.raise(
          {
            ...common,
            id,
            type: 'deployment.sync-failed',
            revision,
            message: operation.message,
          },
          instance,
          application,
          { syncFailedAlertId: id },
        );
        raised.push(result);
      }
    }

    if (degradedSince) {
      const id = `deployment.degraded:${instance}/${application}@${degradedSince.toISOString()}`;
      // A fresh degradation clears the stored id, so compare with the row as it is now.
      const alreadyRaised =
        state?.healthStatus === 'Degraded' && state.degradedAlertId === id;
      if (!alreadyRaised) {
        const result = await this.raise(
          {
            ...common,
            id,
            type: 'deployment.degraded',
            revision: revisionOf(app.status?.sync),
            message: app.status?.health?.message,
          },
          instance,
          application,
          { degradedAlertId: id },
        );
        raised.push(result);
      }
    }
    return raised;
  }

  private async raise(
    event: DeploymentEvent & { id: string },
    instance: string,
    application: string,
    remember: { degradedAlertId: string } | { syncFailedAlertId: string },
  ) {
    const result = await this.alerts.raise(event);
    // A raise that failed is tried again next poll, with the same id.
    if (result.status !== 'failed') {
      await this.store.markRaised(instance, application, remember);
    }
    this.logger.info(
      `${event.type} for ${application} on ${instance}: ${result.status}`,
    );
    return { id: event.id, status: result.status };
  }
}

function entityPage(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}
