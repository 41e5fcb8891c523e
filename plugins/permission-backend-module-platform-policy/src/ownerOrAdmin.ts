import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * A generic "change this entity" permission for plugins that need only the
 * owner-or-admin question answered. Plugins with actions of their own (e.g.
 * `environment.delete`) define a permission like this one, on resource type
 * `catalog-entity` with action `update` or `delete`, so audit logs name it.
 */
export const entityChangePermission = createPermission({
  name: 'platform.entity.change',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Asks the permission framework whether the caller owns the entity (through
 * one of their groups) or is a platform admin. The policy answers with the
 * catalog's `isEntityOwner` condition, which the catalog evaluates on the
 * entity: true only when the entity exists and lists an owner the caller
 * belongs to.
 *
 * @example
 * if (!(await isEntityOwnerOrAdmin({ permissions, credentials, entityRef }))) {
 *   throw new NotAllowedError(`Only owners of ${entityRef} may delete it`);
 * }
 */
export async function isEntityOwnerOrAdmin(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  entityRef: string;
  permission?: ResourcePermission<'catalog-entity'>;
}): Promise<boolean> {
  const { permissions, credentials, entityRef } = options;
  const permission = options.permission ?? entityChangePermission;
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: entityRef }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
