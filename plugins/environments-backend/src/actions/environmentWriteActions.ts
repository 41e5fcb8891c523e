/*
 * Environments for AI agents, write side: create, extend and destroy, as the
 * calling user. Create and destroy start the same templates people run (the
 * same steps, checks, pipeline and task log); extend calls the service the
 * environment page's button calls. Destroying a prod environment is refused
 * here whoever asks: that stays a person's decision, in the portal.
 */
import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  ENVIRONMENT_ANNOTATIONS as ANNOTATIONS,
  MAX_TTL_DAYS,
} from '@internal/plugin-environments-common';
import { environmentEntityRef } from '@internal/plugin-environments-node';
import type { ExpiryExtender } from '../service/ExpiryExtender';
import {
  createInputSchema,
  type EnvironmentActionsOptions,
} from './environmentReadActions';

const CREATE_TEMPLATE_REF = 'template:default/create-environment';
const DELETE_TEMPLATE_REF = 'template:default/delete-environment';

export interface EnvironmentWriteActionsOptions
  extends EnvironmentActionsOptions {
  scaffolder: Pick<ScaffolderService, 'scaffold'>;
  auditor: AuditorService;
  /** Extends an expiry after asking the permission framework. */
  extender: Pick<ExpiryExtender, 'extend'>;
  /** The portal's base URL, for links to the task page. */
  appBaseUrl: string;
}

/** Runs `fn` inside an audit event naming the user and what they asked. */
async function audited<T>(
  options: EnvironmentWriteActionsOptions,
  eventId: string,
  credentials: BackstageCredentials,
  meta: JsonObject,
  fn: () => Promise<T>,
): Promise<T> {
  const actor =
    credentials.principal &&
    'userEntityRef' in (credentials.principal as object)
      ? (credentials.principal as { userEntityRef: string }).userEntityRef
      : 'unknown';
  const event = await options.auditor.createEvent({
    eventId,
    severityLevel: eventId === 'environment-destroy' ? 'high' : 'medium',
    meta: { ...meta, actor, via: 'actions-registry' },
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

/** Purpose prod, or a Resource tagged production (environments made before purposes). */
function isProduction(entity: Entity) {
  return (
    entity.metadata.annotations?.[ANNOTATIONS.purpose] === 'prod' ||
    (entity.metadata.tags ?? []).includes('production')
  );
}

const taskOutput = (z: typeof import('zod/v3').z) =>
  z.object({
    environment: z.string(),
    taskId: z.string().describe('The scaffolder task running the template'),
    taskUrl: z.string().describe('Where a person can follow the task'),
  });

export function registerEnvironmentWriteActions(
  options: EnvironmentWriteActionsOptions,
) {
  const { actionsRegistry, service, scaffolder, appBaseUrl, extender } =
    options;
  const taskUrl = (taskId: string) =>
    `${appBaseUrl.replace(/\/$/, '')}/create/tasks/${encodeURIComponent(
      taskId,
    )}`;

  actionsRegistry.register({
    name: 'create-environment',
    title: 'Create an environment',
    description: `Creates an EKS environment by running the create-environment template as you: it commits the Terraform to the IaC repository, runs the Jenkins pipeline (about 10-20 minutes on real AWS) and registers the environment in the catalog.
The request is checked first (call dry-run-create-environment to see problems without side effects); a refused request creates nothing. Returns the task id; follow it with get-environment (state) or in the portal.`,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: { input: createInputSchema, output: taskOutput },
    action: async ({ input, credentials }) =>
      audited(
        options,
        'environment-create',
        credentials,
        { environment: input.name },
        async () => {
          // The template's first step checks again; this makes a refusal immediate.
          const req = await service.validateCreate(input, credentials);
          const { taskId } = await scaffolder.scaffold(
            {
              templateRef: CREATE_TEMPLATE_REF,
              values: { ...input, owner: req.owner },
            },
            { credentials },
          );
          return {
            output: { environment: req.name, taskId, taskUrl: taskUrl(taskId) },
          };
        },
      ),
  });

  actionsRegistry.register({
    name: 'extend-environment',
    title: 'Extend an environment',
    description: `Moves the expiry of a dev, test or staging environment to N days from now (1-${MAX_TTL_DAYS}, and at most the purpose's maximum: by default 30 days for dev, 14 for test; more is refused with the reason), as the environment page's "Extend" does. Only the environment's owner group and platform admins may.
Setting the same number of days again gives the same expiry (counted from now).`,
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          name: z.string().describe('Environment name, e.g. "dev-b"'),
          days: z
            .number()
            .int()
            .min(1)
            .max(MAX_TTL_DAYS)
            .describe('Days from now'),
        }),
      output: z => z.object({ name: z.string(), expiresAt: z.string() }),
    },
    action: async ({ input, credentials }) =>
      audited(
        options,
        'environment-extend',
        credentials,
        { environment: input.name, days: input.days },
        async () => ({
          output: await extender.extend(input.name, input.days, credentials),
        }),
      ),
  });

  actionsRegistry.register({
    name: 'destroy-environment',
    title: 'Destroy an environment',
    description: `Destroys an EKS environment and everything running in it, by running the delete-environment template as you (terraform destroy in Jenkins, then its files leave the IaC repository and the catalog). Cannot be undone.
Only its owner group and platform admins may. Production environments (purpose prod) are never destroyed through this tool.
Pass the name twice (name and confirmation) as a person types it to confirm.`,
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z.object({
          name: z.string().describe('Environment name'),
          confirmation: z.string().describe('The same name again'),
        }),
      output: taskOutput,
    },
    action: async ({ input, credentials }) =>
      audited(
        options,
        'environment-destroy',
        credentials,
        { environment: input.name },
        async () => {
          const { name, entity } = await service.authorizeChange(
            input.name,
            credentials,
          );
          if (isProduction(entity)) {
            throw new NotAllowedError(
              `${name} is a production environment; it is not destroyed through an agent's tool. Use the delete-environment template in the portal.`,
            );
          }
          if (input.confirmation !== name) {
            throw new InputError(
              `confirmation must repeat the name ${name}; nothing was destroyed`,
            );
          }
          const { taskId } = await scaffolder.scaffold(
            {
              templateRef: DELETE_TEMPLATE_REF,
              values: {
                environment: environmentEntityRef(name),
                confirmation: name,
              },
            },
            { credentials },
          );
          return {
            output: { environment: name, taskId, taskUrl: taskUrl(taskId) },
          };
        },
      ),
  });
}
