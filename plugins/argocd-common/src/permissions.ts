import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Sync (and refresh) the Argo CD applications of a catalog entity through the
 * portal. A resource permission on the entity the applications belong to
 * (`argocd/app-name`, `argocd/app-selector`), with action `update`: the
 * portal's policy gives it to the entity's owners and platform admins.
 *
 * Creating, changing and deleting Argo CD applications and projects, and
 * terminating operations, have no permission: the portal refuses them to
 * everyone, since Argo CD is driven from Git.
 */
export const argocdApplicationSyncPermission = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Every permission of the portal's Argo CD integration. */
export const argocdPermissions = [argocdApplicationSyncPermission];
