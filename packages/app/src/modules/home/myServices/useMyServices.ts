import type { Entity } from '@backstage/catalog-model';
import {
  jenkinsApiRef,
  type JenkinsApi,
} from '@backstage-community/plugin-jenkins';
import { costUptimeApiRef } from '@internal/plugin-cost-uptime';
import type { UptimeRow } from '@internal/plugin-cost-uptime-common';
import {
  argoAnnotations,
  loadArgoApplications,
} from '@internal/plugin-services-common';
import useAsync from 'react-use/esm/useAsync';
import { useHomeApis } from '../cardParts';
import {
  serviceRow,
  type ServiceBuild,
  type ServiceHomeRow,
} from './serviceRows';

const JENKINS_ANNOTATION = 'jenkins.io/job-full-name';

/** What the home page shows of the signed-in user's services. */
export interface MyServices {
  rows: ServiceHomeRow[];
  /** The availability report could not be read: SLOs are not shown. */
  uptimeError?: string;
}

/**
 * The Components owned by the signed-in user or their groups, each with its
 * Argo CD state per environment, its worst SLO and its latest Jenkins
 * build. One service's Argo CD or Jenkins failing is shown on its row; it
 * does not hide the others.
 */
export function useMyServices() {
  const { identityApi, catalogApi, config, discovery, fetch, apis } =
    useHomeApis();
  return useAsync(async (): Promise<MyServices> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'component',
        'relations.ownedBy': ownershipEntityRefs,
      },
    });
    const costApi = apis.get(costUptimeApiRef);
    let uptime: UptimeRow[] = [];
    let uptimeError: string | undefined;
    if (costApi) {
      try {
        uptime = (await costApi.getUptime({ days: 30 })).rows;
      } catch (e) {
        uptimeError = (e as Error).message;
      }
    }
    const jenkins = apis.get(jenkinsApiRef);
    const rows = await Promise.all(
      items.map(async entity => {
        const [argo, build] = await Promise.all([
          loadArgoApplications({
            ...argoAnnotations(entity.metadata.annotations),
            config,
            discovery,
            fetch,
          }),
          jenkins ? latestBuild(jenkins, entity) : undefined,
        ]);
        return serviceRow(entity, { argo, uptime, build });
      }),
    );
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return { rows, uptimeError };
  }, [identityApi, catalogApi, config, discovery, fetch, apis]);
}

async function latestBuild(
  jenkins: JenkinsApi,
  entity: Entity,
): Promise<ServiceBuild | undefined> {
  if (!entity.metadata.annotations?.[JENKINS_ANNOTATION]) return undefined;
  try {
    const projects = await jenkins.getProjects({
      entity: {
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      },
      filter: {},
    });
    const builds = projects
      .map(p => p.lastBuild)
      .filter(Boolean)
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0));
    const last = builds[0];
    if (!last) return undefined;
    return {
      number: last.number,
      result: last.building ? 'running' : last.result ?? 'unknown',
      url: last.url,
      at: last.timestamp ? new Date(last.timestamp) : undefined,
    };
  } catch {
    // No build is shown rather than failing the card: Jenkins is one part.
    return undefined;
  }
}
