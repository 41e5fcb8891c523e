import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_ANNOTATIONS,
  ENVIRONMENT_STATES,
  environmentReadPermission,
  type EnvironmentHistory,
  type EnvironmentState,
} from '@internal/plugin-environments-common';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';
import type { EnvironmentStore } from '../database/EnvironmentStore';

/**
 * An environment's state and pipeline runs for the person asking, when the
 * permission framework allows `environment.read` on its catalog entity.
 * Environments made before the portal kept history have no recorded state:
 * theirs is the catalog's status annotation, and a running one without it
 * is ready.
 */
export class EnvironmentReader {
  private readonly service: Pick<
    EnvironmentService,
    'nameOf' | 'findEnvironment'
  >;
  private readonly permissions: PermissionsService;
  private readonly store: Pick<EnvironmentStore, 'get'>;

  constructor(options: {
    service: Pick<EnvironmentService, 'nameOf' | 'findEnvironment'>;
    permissions: PermissionsService;
    store: Pick<EnvironmentStore, 'get'>;
  }) {
    this.service = options.service;
    this.permissions = options.permissions;
    this.store = options.store;
  }

  async read(
    nameOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentHistory> {
    const name = this.service.nameOf(nameOrRef);
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: environmentReadPermission,
          resourceRef: environmentEntityRef(name),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not see environment ${name}`);
    }
    const entity = await this.service.findEnvironment(name);
    const recorded = await this.store.get(name);
    const annotated =
      entity.metadata.annotations?.[ENVIRONMENT_ANNOTATIONS.status];
    const state: EnvironmentState =
      recorded.state ??
      ((ENVIRONMENT_STATES as readonly string[]).includes(annotated ?? '')
        ? (annotated as EnvironmentState)
        : 'ready');
    return {
      name,
      state,
      ...(recorded.updatedAt ? { updatedAt: recorded.updatedAt } : {}),
      runs: recorded.runs,
    };
  }
}
