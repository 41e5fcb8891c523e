import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  checkTtlDays,
  ENVIRONMENT_ANNOTATIONS,
  environmentExpiryExtendPermission,
  readTtlPolicy,
  type TtlPolicy,
} from '@internal/plugin-environments-common';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from '../database/EnvironmentStore';

/**
 * Extends an environment's expiry for the person asking, when the
 * permission framework allows `environment.expiry.extend` on the
 * environment's catalog entity (the portal's policy: its owners and
 * platform admins). The environment card's route and the agents'
 * `extend-environment` action both come through here. Each extension is
 * recorded as a pipeline run of operation `extend` (no Jenkins build: the
 * expiry is an annotation commit), so the environment's history shows it.
 * More days than the purpose's maximum (`platform.environments.ttl`) are
 * refused with the reason before anyone is asked or anything recorded.
 */
export class ExpiryExtender {
  private readonly service: Pick<
    EnvironmentService,
    'nameOf' | 'findEnvironment' | 'setExpiry'
  >;
  private readonly permissions: PermissionsService;
  private readonly auth: AuthService;
  private readonly store: Pick<EnvironmentStore, 'startRun' | 'finishRun'>;
  private readonly now: () => Date;
  private readonly ttl: TtlPolicy;

  constructor(options: {
    service: Pick<
      EnvironmentService,
      'nameOf' | 'findEnvironment' | 'setExpiry'
    >;
    permissions: PermissionsService;
    auth: AuthService;
    store: Pick<EnvironmentStore, 'startRun' | 'finishRun'>;
    /** The clock; tests set it. */
    now?: () => Date;
    /** Read for `platform.environments.ttl`; without it the defaults apply. */
    config?: Config;
  }) {
    this.service = options.service;
    this.permissions = options.permissions;
    this.auth = options.auth;
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.ttl = readTtlPolicy(options.config);
  }

  /** Accepts a name or an entity ref; throws InputError, NotFoundError or NotAllowedError. */
  async extend(
    nameOrRef: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<{ name: string; expiresAt: string }> {
    const name = this.service.nameOf(nameOrRef);
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Environments can only be created or changed by a signed-in user',
      );
    }
    const entity = await this.service.findEnvironment(name);
    const purpose =
      entity.metadata.annotations?.[ENVIRONMENT_ANNOTATIONS.purpose];
    if (purpose) checkTtlDays(this.ttl, purpose, days);
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: environmentExpiryExtendPermission,
          resourceRef: environmentEntityRef(name),
        },
      ],
      { credentials },
    );
    const by = credentials.principal.userEntityRef;
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${by} may not change environment ${name}: only its owner ${entity.spec?.owner} and platform admins may`,
      );
    }
    // One run at a time per environment: a second request meanwhile is a ConflictError.
    const run = await this.store.startRun({
      environment: name,
      operation: 'extend',
      requestedBy: by,
      requestedAt: this.now(),
    });
    try {
      const { expiresAt, commitSha } = await this.service.setExpiry(
        name,
        entity,
        days,
      );
      await this.store.finishRun(run.id, {
        result: 'SUCCESS',
        finishedAt: this.now(),
        by,
        gitCommit: commitSha,
      });
      return { name, expiresAt };
    } catch (error) {
      await this.store.finishRun(run.id, {
        result: 'FAILURE',
        finishedAt: this.now(),
        by,
      });
      throw error;
    }
  }
}
