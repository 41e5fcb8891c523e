import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentPausePermission } from '@internal/plugin-environments-common';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from '../database/EnvironmentStore';
import type { NodeGroupScaler } from './NodeGroupScaler';

export type PauseAction = 'pause' | 'resume';

const FROM: Record<PauseAction, string> = { pause: 'ready', resume: 'paused' };
const TO = { pause: 'paused', resume: 'ready' } as const;

/**
 * Pauses (node groups to zero) or resumes an environment for the person
 * asking, when the permission framework allows `environment.pause` on its
 * catalog entity (owners and platform admins). Argo CD applications stay
 * defined: only the node groups' size changes. The run is opened before
 * anything else, so of two requests at once one gets a ConflictError (the
 * store's one-open-run index); the pipeline then runs in the background and
 * closes the run with state `paused` (or `ready`), or `failed`.
 */
export class EnvironmentPauser {
  constructor(
    private readonly options: {
      service: Pick<EnvironmentService, 'nameOf' | 'findEnvironment'>;
      permissions: PermissionsService;
      store: Pick<
        EnvironmentStore,
        'get' | 'startRun' | 'setBuild' | 'finishRun'
      >;
      scaler: NodeGroupScaler;
      logger: LoggerService;
      /** The clock; tests set it. */
      now: () => Date;
    },
  ) {}

  /** Throws InputError, NotFoundError, NotAllowedError or ConflictError; nothing is changed then. */
  async start(
    nameOrRef: string,
    action: PauseAction,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<{ name: string; runId: number; done: Promise<void> }> {
    const { service, permissions, store, now } = this.options;
    const name = service.nameOf(nameOrRef);
    const entity = await service.findEnvironment(name);
    const [decision] = await permissions.authorize(
      [
        {
          permission: environmentPausePermission,
          resourceRef: environmentEntityRef(name),
        },
      ],
      { credentials },
    );
    const by = credentials.principal.userEntityRef;
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${by} may not ${action} environment ${name}: only its owner ${entity.spec?.owner} and platform admins may`,
      );
    }
    const { state } = await store.get(name);
    if ((state ?? 'ready') !== FROM[action]) {
      throw new ConflictError(
        `${name} is ${state}; only a ${FROM[action]} environment can be ${action}d`,
      );
    }
    const run = await store.startRun({
      environment: name,
      operation: action,
      requestedBy: by,
      requestedAt: now(),
      state: 'updating',
    });
    const done = this.follow(name, action, run.id, by);
    return { name, runId: run.id, done };
  }

  private async follow(
    name: string,
    action: PauseAction,
    runId: number,
    by: string,
  ) {
    const { store, scaler, logger, now } = this.options;
    try {
      const { result, gitCommit } = await scaler.scale(
        name,
        action === 'pause' ? 0 : 1,
        build => store.setBuild(runId, build),
      );
      const ok = result === 'SUCCESS';
      await store.finishRun(runId, {
        result,
        finishedAt: now(),
        by,
        gitCommit,
        state: ok ? TO[action] : 'failed',
      });
    } catch (error) {
      logger.warn(`Could not ${action} ${name}: ${error}`);
      await store
        .finishRun(runId, {
          result: 'FAILURE',
          finishedAt: now(),
          by,
          state: 'failed',
        })
        .catch(e => logger.error(`Could not close run ${runId}: ${e}`));
    }
  }
}
