/*
 * Deployments as an action (the actions registry, served to AI agents by the
 * MCP actions backend). The figures are the Deployments card's: the same
 * loaders and row builder (@internal/plugin-services-common), read as the
 * calling user.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  parseEnvironmentName,
  parseServiceRef,
  type EnvironmentRow,
} from '@internal/plugin-services-common';
import type { DeploymentsService } from '../DeploymentsService';

type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

export interface DeploymentsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  deployments: DeploymentsService;
}

const STATES = ['found', 'absent', 'error', 'unknown'] as const;

export const environmentSchema = (z: Zod) =>
  z.object({
    environment: z.string().describe('Environment name, e.g. "dev-a"'),
    argocd: z.object({
      state: z
        .enum(STATES)
        .describe(
          'found: Argo CD has the app; absent: not deployed there by Argo CD; error: that Argo CD failed (see error); unknown: not asked',
        ),
      sync: z.string().optional().describe('Synced, OutOfSync or Unknown'),
      health: z
        .string()
        .optional()
        .describe(
          'Healthy, Progressing, Degraded, Suspended, Missing or Unknown',
        ),
      message: z
        .string()
        .optional()
        .describe('Why an operation failed or the app is unhealthy'),
      notCompared: z
        .boolean()
        .optional()
        .describe('Argo CD has not compared the app with Git yet'),
      revisions: z
        .array(z.string())
        .optional()
        .describe('Git revision synced (one per source)'),
      lastDeployedAt: z.string().optional().describe('ISO time'),
      url: z.string().optional().describe("The app in Argo CD's UI"),
      error: z.string().optional(),
    }),
    version: z
      .string()
      .optional()
      .describe(
        'Image tag Argo CD deployed (a short digest when pinned by digest only)',
      ),
    image: z
      .string()
      .optional()
      .describe('Full image reference the version is read from'),
    pods: z.object({
      state: z
        .enum(['found', 'absent', 'error'])
        .describe(
          'found: the cluster answered; absent: no workloads there; error: the cluster failed (see error)',
        ),
      total: z.number().optional(),
      ready: z.number().optional(),
      versions: z
        .array(z.string())
        .optional()
        .describe('Image tags the pods run, newest rollout last'),
      failing: z
        .array(
          z.object({
            pod: z.string(),
            reason: z
              .string()
              .describe(
                'As kubectl shows it: CrashLoopBackOff, ImagePullBackOff, Init:Error, OOMKilled, Evicted, Unschedulable...',
              ),
            detail: z.string().optional(),
          }),
        )
        .optional(),
      error: z.string().optional(),
    }),
  });

/** A card row as the action's output (the card's cost column is left to get-cost-summary). */
export function deploymentOutput(row: EnvironmentRow) {
  const { argo, pods } = row;
  return {
    environment: row.environment,
    argocd:
      argo.state === 'found'
        ? {
            state: argo.state,
            sync: argo.sync,
            health: argo.health,
            message: argo.message,
            notCompared: argo.notCompared,
            revisions: argo.revisions,
            lastDeployedAt: argo.lastDeployedAt,
            url: argo.uiUrl,
          }
        : {
            state: argo.state,
            error: argo.state === 'error' ? argo.message : undefined,
          },
    version: row.version,
    image: row.image,
    pods:
      pods.state === 'found'
        ? {
            state: pods.state,
            total: pods.total,
            ready: pods.ready,
            versions: pods.versions,
            failing: pods.problems,
          }
        : {
            state: pods.state,
            error: pods.state === 'error' ? pods.message : undefined,
          },
  };
}

/** Registers get-deployments. */
export function registerDeploymentsActions(options: DeploymentsActionsOptions) {
  const { actionsRegistry, deployments } = options;
  actionsRegistry.register({
    name: 'get-deployments',
    title: 'Service deployments',
    description: `Where a service runs and in what state, one entry per environment: Argo CD sync and health (with the failure message), the deployed version (image tag, digest, Git revision), and the pods: how many are ready, which versions they run, and the failing ones with the reason kubectl shows (CrashLoopBackOff, ImagePullBackOff, Init:..., OOMKilled, Pending/Unschedulable).
Give the service's name (e.g. "shop-backend") or entity ref ("component:default/shop-backend"), and optionally one environment (e.g. "dev-a").
Same answer as the Deployments card on the service's page. An Argo CD instance or cluster that is down is reported in its entry's error; the other environments still answer.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: z
            .string()
            .max(200)
            .describe('Service name or entity ref, e.g. "shop-backend"'),
          environment: z
            .string()
            .max(63)
            .optional()
            .describe('Only this environment, e.g. "dev-a"'),
        }),
      output: z =>
        z.object({
          service: z.string().describe('The entity ref'),
          environments: z.array(environmentSchema(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = parseServiceRef(input.service);
      const environment =
        input.environment === undefined
          ? undefined
          : parseEnvironmentName(input.environment);
      const { rows } = await deployments.getDeployments(entityRef, {
        credentials,
        environment,
      });
      return {
        output: {
          service: entityRef,
          environments: rows.map(deploymentOutput),
        },
      };
    },
  });
}
