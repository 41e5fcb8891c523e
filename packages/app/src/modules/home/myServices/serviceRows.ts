import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SERVICE,
  type UptimeRow,
} from '@internal/plugin-cost-uptime-common';
import type { ArgoResult } from '@internal/plugin-services-common';

/** One environment a service is deployed to, as Argo CD reports it. */
export interface ServiceDeployment {
  environment: string;
  /** Argo CD's health status (Healthy, Degraded, Progressing, ...), or 'error'. */
  health: string;
  sync?: string;
  /** Why the environment could not be read. */
  message?: string;
}

/** The service's worst environment against its availability SLO. */
export interface ServiceSlo {
  environment?: string;
  availability: number;
  target: number;
  met: boolean;
}

/** The newest build of the service's Jenkins job. */
export interface ServiceBuild {
  number: number;
  /** SUCCESS, FAILURE, UNSTABLE, ABORTED, or 'running'. */
  result: string;
  url: string;
  at?: Date;
}

/** One service as the home page lists it. */
export interface ServiceHomeRow {
  ref: string;
  name: string;
  title: string;
  deployments: ServiceDeployment[];
  slo?: ServiceSlo;
  build?: ServiceBuild;
}

/**
 * Where the service runs and how it is: one entry per Argo CD instance
 * (environment) that has the application or failed to answer; instances
 * without the application are left out.
 */
export function deploymentsOf(results: ArgoResult[]): ServiceDeployment[] {
  return results.flatMap((r): ServiceDeployment[] => {
    if (r.state === 'absent') return [];
    if (r.state === 'error') {
      return [{ environment: r.instance, health: 'error', message: r.message }];
    }
    const status = r.application.status;
    return [
      {
        environment: r.instance,
        health: status?.health?.status ?? 'Unknown',
        sync: status?.sync?.status,
      },
    ];
  });
}

/**
 * The service's environment with the least availability over the report's
 * window, against its target; undefined without data. The rows are the
 * cost plugin's uptime report, keyed by the service tag.
 */
export function worstSlo(
  entity: Entity,
  rows: UptimeRow[],
): ServiceSlo | undefined {
  const key = entity.metadata.annotations?.[ANNOTATION_SERVICE];
  if (!key) return undefined;
  let worst: ServiceSlo | undefined;
  for (const row of rows) {
    if (row.key !== key || row.availability === null) continue;
    if (!worst || row.availability < worst.availability) {
      worst = {
        environment: row.environment,
        availability: row.availability,
        target: row.sloTarget,
        met: row.availability >= row.sloTarget,
      };
    }
  }
  return worst;
}

/** The home row of a service entity from what was loaded for it. */
export function serviceRow(
  entity: Entity,
  loaded: { argo: ArgoResult[]; uptime: UptimeRow[]; build?: ServiceBuild },
): ServiceHomeRow {
  return {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    deployments: deploymentsOf(loaded.argo),
    slo: worstSlo(entity, loaded.uptime),
    build: loaded.build,
  };
}
