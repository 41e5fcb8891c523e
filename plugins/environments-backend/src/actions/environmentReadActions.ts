/*
 * Environments for AI agents, read side: list, get and a dry run of create.
 * Reads go to the catalog with the caller's credentials, so the portal's
 * permission policy decides what they see, as in the UI.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import {
  PURPOSES,
  REGIONS,
  KUBERNETES_VERSIONS,
  INSTANCE_TYPES,
  ADD_ONS,
  MAX_NODES,
  MAX_TTL_DAYS,
  ENVIRONMENT_TYPE,
  estimateMonthlyCost,
  isEnvironmentType,
  type Pricing,
} from '@internal/plugin-environments-common';
import type { EnvironmentReader } from '../service/EnvironmentReader';
import {
  environmentSummary,
  environmentSummarySchema,
} from './environmentSummary';

type Zod = typeof import('zod/v3').z;

export interface EnvironmentActionsOptions {
  actionsRegistry: ActionsRegistryService;
  service: EnvironmentService;
  catalog: CatalogService;
  /** State and pipeline runs, behind `environment.read`. */
  reader: Pick<EnvironmentReader, 'read'>;
  /** Prices of the create form's estimate (`platform.pricing`). */
  pricing: Pricing;
}

/** The create-environment template's parameters, as an action input. */
export const createInputSchema = (z: Zod) =>
  z.object({
    name: z
      .string()
      .describe(
        'A DNS label of at most 20 characters, e.g. "dev-b"; unique among environments',
      ),
    purpose: z
      .enum(PURPOSES)
      .default('dev')
      .describe('prod is for platform admins only'),
    owner: z
      .string()
      .describe(
        'Owner group, e.g. "group:default/developers"; one of your own groups',
      ),
    ttlDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_TTL_DAYS)
      .optional()
      .describe(
        "Days until it is destroyed; left out, the purpose's default (dev 7, test 3; staging and prod do not expire). At most the purpose's maximum (dev 30, test 14)",
      ),
    region: z.enum(REGIONS).default('ap-northeast-2'),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS).default('1.32'),
    instanceType: z.enum(INSTANCE_TYPES).default('t3.large'),
    minNodes: z.number().int().min(1).max(MAX_NODES).default(1),
    desiredNodes: z.number().int().min(1).max(MAX_NODES).default(2),
    maxNodes: z.number().int().min(1).max(MAX_NODES).default(3),
    addOns: z.array(z.enum(ADD_ONS)).default([...ADD_ONS]),
  });

function ownerRef(owner: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `owner ${JSON.stringify(owner)} is not a group reference`,
    );
  }
}

export function registerEnvironmentReadActions(
  options: EnvironmentActionsOptions,
) {
  const { actionsRegistry, service, catalog, reader, pricing } = options;

  actionsRegistry.register({
    name: 'list-environments',
    title: 'List environments',
    description: `Lists the EKS environments (clusters) of the portal with their owner group, purpose, state and expiry.
Filter by owner group (e.g. "group:default/developers" or "developers"), state (provisioning, ready, failed, destroying) or purpose (dev, test, staging, prod).`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          owner: z.string().max(200).optional(),
          state: z
            .enum(['provisioning', 'ready', 'failed', 'destroying'])
            .optional(),
          purpose: z.enum(PURPOSES).optional(),
        }),
      output: z =>
        z.object({ environments: z.array(environmentSummarySchema(z)) }),
    },
    action: async ({ input, credentials }) => {
      const owner = input.owner ? ownerRef(input.owner) : undefined;
      const { items } = await catalog.getEntities(
        { filter: { kind: 'Resource', 'spec.type': ENVIRONMENT_TYPE } },
        { credentials },
      );
      const environments = items
        .map(environmentSummary)
        .filter(e => !owner || ownerRef(e.owner) === owner)
        .filter(e => !input.state || e.state === input.state)
        .filter(e => !input.purpose || e.purpose === input.purpose)
        .sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
      return { output: { environments } };
    },
  });

  actionsRegistry.register({
    name: 'get-environment',
    title: 'Get an environment',
    description: `One EKS environment by name (e.g. "dev-a") or entity ref (resource:default/dev-a): owner, purpose, state, expiry, region, links (Argo CD) and its pipeline runs, newest first (what was asked, by whom, when, the Jenkins build, the result, the Git commit).
For what is deployed in it, call services.get-deployments with the environment.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          name: z.string().describe('Environment name or entity ref'),
        }),
      output: z =>
        environmentSummarySchema(z).extend({
          runs: z
            .array(
              z.object({
                operation: z
                  .string()
                  .describe('create, update, extend or destroy'),
                requestedBy: z.string(),
                requestedAt: z.string(),
                build: z
                  .object({ number: z.number(), url: z.string() })
                  .optional(),
                result: z
                  .string()
                  .optional()
                  .describe('Jenkins result; absent while it runs'),
                gitCommit: z.string().optional(),
                finishedAt: z.string().optional(),
              }),
            )
            .describe('Pipeline runs, newest first (at most 20)'),
        }),
    },
    action: async ({ input, credentials }) => {
      const name = service.nameOf(input.name);
      const entity = await catalog.getEntityByRef(environmentEntityRef(name), {
        credentials,
      });
      if (!entity || !isEnvironmentType(entity.spec?.type)) {
        throw new NotFoundError(
          `There is no environment named ${JSON.stringify(name)}`,
        );
      }
      const history = await reader.read(name, credentials);
      return {
        output: {
          ...environmentSummary(entity),
          state: history.state,
          runs: history.runs.slice(0, 20).map(({ id: _id, ...run }) => run),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'dry-run-create-environment',
    title: 'Check an environment request',
    description: `Checks a create-environment request exactly as the create-environment template does (name free and safe, owner one of your groups, prod only for platform admins, node counts) without creating anything, lists the IaC files it would commit, and gives the estimated monthly cost the create form shows.
Call it before create-environment; a refused request comes back as an error saying what to change.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: createInputSchema,
      output: z =>
        z.object({
          valid: z.literal(true),
          request: z.object({
            name: z.string(),
            purpose: z.string(),
            owner: z.string(),
            expiresAt: z.string().optional(),
          }),
          files: z
            .array(z.string())
            .describe('IaC files the create would commit'),
          estimate: z
            .object({
              total: z.number(),
              controlPlane: z.number(),
              nodes: z.number(),
              storage: z.number(),
              currency: z.string(),
              nodeCount: z.number(),
              instanceType: z.string(),
            })
            .nullable()
            .describe(
              'Estimated monthly cost, as the create form shows it; null when the instance type has no price',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const req = await service.validateCreate(input, credentials);
      return {
        output: {
          valid: true as const,
          request: {
            name: req.name,
            purpose: req.purpose,
            owner: req.owner,
            expiresAt: req.expiresAt,
          },
          files: Object.keys(service.render(req)).sort(),
          estimate: estimateMonthlyCost(input, pricing) ?? null,
        },
      };
    },
  });
}
