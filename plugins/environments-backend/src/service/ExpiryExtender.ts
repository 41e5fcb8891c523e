import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentExpiryExtendPermission } from '@internal/plugin-environments-common';
import {
  environmentEntityRef,
  type EnvironmentService,
} from '@internal/plugin-environments-node';

/**
 * Extends an environment's expiry for the person asking, when the
 * permission framework allows `environment.expiry.extend` on the
 * environment's catalog entity (the portal's policy: its owners and
 * platform admins). The environment card's route and the agents'
 * `extend-environment` action both come through here.
 */
export class ExpiryExtender {
  private readonly service: Pick<
    EnvironmentService,
    'nameOf' | 'findEnvironment' | 'setExpiry'
  >;
  private readonly permissions: PermissionsService;
  private readonly auth: AuthService;

  constructor(options: {
    service: Pick<EnvironmentService, 'nameOf' | 'findEnvironment' | 'setExpiry'>;
    permissions: PermissionsService;
    auth: AuthService;
  }) {
    this.service = options.service;
    this.permissions = options.permissions;
    this.auth = options.auth;
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
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: environmentExpiryExtendPermission,
          resourceRef: environmentEntityRef(name),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.userEntityRef} may not change environment ${name}: only its owner ${entity.spec?.owner} and platform admins may`,
      );
    }
    return this.service.setExpiry(name, entity, days);
  }
}
