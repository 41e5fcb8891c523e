import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  RESOURCE_TYPE_SCAFFOLDER_TASK,
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

/** Members of this group may do everything in the portal. */
export const PLATFORM_ADMINS_GROUP_REF = 'group:default/platform-admins';

/** Whether ownership refs (from a user's sign-in) include platform-admins. */
export function isPlatformAdmin(ownershipEntityRefs: string[]): boolean {
  return ownershipEntityRefs.includes(PLATFORM_ADMINS_GROUP_REF);
}

/**
 * Non-read permissions any signed-in user has: running software templates
 * (the templates' own steps decide what they touch; destructive ones check
 * ownership themselves) and validating an entity file.
 */
const EVERYONE_MAY = new Set([
  'scaffolder.task.create',
  'scaffolder.action.execute',
  'scaffolder.template.dry-run',
  'catalog.entity.validate',
]);

/** Scaffolder task permissions that only the task's creator (and admins) have. */
const TASK_OWNER_MAY = new Set([
  taskReadPermission.name,
  taskCancelPermission.name,
]);

/**
 * The portal's permission policy:
 * - members of platform-admins may do everything;
 * - a scaffolder task (its details, its log, cancelling it) is its creator's
 *   (`isTaskOwner` on the task's `createdBy`);
 * - everyone signed in may read (any other permission whose action is
 *   `read`: the catalog, dashboards, templates) and run templates;
 * - changing or destroying a catalog entity (any permission on resource type
 *   `catalog-entity` that is not a read: refresh, delete, and other plugins'
 *   entity actions such as deleting an environment, rerunning a service's
 *   Jenkins build, `jenkins.execute`, or syncing its Argo CD applications,
 *   `argocd.application.sync`) is for the entity's owners
 *   (`isEntityOwner`, through the user's group memberships) or admins;
 * - anything else (creating catalog locations, other plugins' create, update
 *   and delete permissions, template management) is for admins only.
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  private readonly userInfo: UserInfoService;

  constructor(options: { userInfo: UserInfoService }) {
    this.userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!user) return { result: AuthorizeResult.DENY };
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);

    if (isPlatformAdmin(ownershipEntityRefs)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (TASK_OWNER_MAY.has(permission.name)) {
      if (!isResourcePermission(permission, RESOURCE_TYPE_SCAFFOLDER_TASK)) {
        return { result: AuthorizeResult.DENY };
      }
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({ createdBy: [userEntityRef] }),
      );
    }
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (EVERYONE_MAY.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      if (!['update', 'delete'].includes(permission.attributes.action ?? '')) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
