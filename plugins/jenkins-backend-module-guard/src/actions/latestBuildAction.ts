/*
 * A service's latest Jenkins build as an action for AI agents. It asks the
 * Jenkins backend plugin's own routes (behind this module's guard) with a
 * token on the caller's behalf, so the plugin reads the entity, and its job,
 * with the caller's permissions, exactly as the service page's CI/CD card.
 */
import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError, ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseServiceRef } from '@internal/plugin-services-common';
import { jobsOf } from '../createJenkinsGuard';

export interface LatestBuildActionOptions {
  actionsRegistry: ActionsRegistryService;
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
}

/** Lines of the log an agent gets unless it asks for another number. */
const DEFAULT_LOG_LINES = 50;

/** The last `count` lines of a console log (without the trailing newline). */
export function logTail(text: string, count: number) {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const tail = text && count > 0 ? lines.slice(-count) : [];
  return {
    lines: tail,
    totalLines: text ? lines.length : 0,
    truncated: Boolean(text) && tail.length < lines.length,
  };
}

/** The parts of a project of the plugin's `/projects` answer read here. */
type Project = {
  fullName: string;
  inQueue?: boolean;
  lastBuild: null | {
    number: number;
    url: string;
    building: boolean;
    result: string | null;
    status: string;
    timestamp: number;
    duration: number;
    source?: { branchName?: string; commit?: { hash?: string } };
  };
};

async function jenkinsFetch<T>(
  options: LatestBuildActionOptions,
  credentials: BackstageCredentials,
  path: string,
): Promise<T> {
  const { token } = await options.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'jenkins',
  });
  const base = await options.discovery.getBaseUrl('jenkins');
  const response = await fetch(`${base}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

/** Registers get-latest-build. */
export function registerLatestBuildAction(options: LatestBuildActionOptions) {
  options.actionsRegistry.register({
    name: 'get-latest-build',
    title: 'Latest Jenkins build of a service',
    description: `The latest Jenkins build of a service's job (the job its catalog entity names in jenkins.io/job-full-name): number, result (SUCCESS, FAILURE, UNSTABLE, ABORTED; null while it runs), link, start time, duration, branch and commit, and the last lines of its console log (${DEFAULT_LOG_LINES} unless logLines says otherwise), where a failure usually shows why.
Give the service's name (e.g. "shop-backend") or entity ref ("component:default/shop-backend"). The same build the CI/CD card of the service page shows.
Environments are built by the platform pipeline, not a job of their own: their last pipeline run is lastRunUrl of get-environment.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: z
            .string()
            .max(200)
            .describe('Service name or entity ref, e.g. "shop-backend"'),
          logLines: z
            .number()
            .int()
            .min(0)
            .max(500)
            .default(DEFAULT_LOG_LINES)
            .describe('How many lines of the end of the log to return'),
        }),
      output: z =>
        z.object({
          service: z.string().describe('The entity ref'),
          job: z.string().describe('Jenkins job full name'),
          inQueue: z.boolean().describe('Another build of the job waits'),
          build: z
            .object({
              number: z.number(),
              result: z.string().nullable().describe('null while it runs'),
              status: z
                .string()
                .describe('running, or the result as the portal shows it'),
              url: z.string(),
              startedAt: z.string().describe('ISO time'),
              durationSeconds: z
                .number()
                .describe('0 while it runs (Jenkins reports no duration yet)'),
              branch: z.string().optional(),
              commit: z.string().optional(),
              log: z.object({
                lines: z.array(z.string()),
                totalLines: z.number(),
                truncated: z.boolean(),
              }),
            })
            .nullable()
            .describe('null when the job has never run'),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = parseServiceRef(input.service);
      const entity = await options.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!entity) throw new NotFoundError(`There is no service ${entityRef}`);
      if (jobsOf(entity.metadata.annotations).length === 0) {
        throw new NotFoundError(
          `${entityRef} names no Jenkins job (annotation jenkins.io/job-full-name)`,
        );
      }
      const path = `/v1/entity/${encodeURIComponent(
        entity.metadata.namespace ?? 'default',
      )}/component/${encodeURIComponent(entity.metadata.name)}`;
      const { projects } = await jenkinsFetch<{ projects: Project[] }>(
        options,
        credentials,
        `${path}/projects`,
      );
      // Of several jobs (or a multibranch job's branches), the one built last.
      const [project] = [...projects].sort(
        (a, b) =>
          (b.lastBuild?.timestamp ?? -1) - (a.lastBuild?.timestamp ?? -1),
      );
      if (!project) {
        throw new NotFoundError(`Jenkins has no job of ${entityRef}`);
      }
      const last = project.lastBuild;
      const output = {
        service: entityRef,
        job: project.fullName,
        inQueue: Boolean(project.inQueue),
        build: null,
      };
      if (!last) return { output };
      const { consoleText } = await jenkinsFetch<{ consoleText: string }>(
        options,
        credentials,
        `${path}/job/${encodeURIComponent(project.fullName)}/${
          last.number
        }/consoleText`,
      );
      return {
        output: {
          ...output,
          build: {
            number: last.number,
            result: last.building ? null : last.result,
            status: last.status,
            url: last.url,
            startedAt: new Date(last.timestamp).toISOString(),
            durationSeconds: Math.round(last.duration / 1000),
            branch: last.source?.branchName,
            commit: last.source?.commit?.hash,
            log: logTail(consoleText, input.logLines),
          },
        },
      };
    },
  });
}
