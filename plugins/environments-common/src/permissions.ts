import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Move an environment's expiry (the environment card's "Extend", the
 * `extend-environment` action). A resource permission on the environment's
 * catalog entity with action `update`: the portal's policy gives it to the
 * entity's owners and platform admins.
 */
export const environmentExpiryExtendPermission = createPermission({
  name: 'environment.expiry.extend',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Read an environment's recorded state and pipeline runs. A resource
 * permission on its catalog entity with action `read`: everyone signed in.
 */
export const environmentReadPermission = createPermission({
  name: 'environment.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Record a pipeline run and the state it moves an environment to: for the
 * portal's own plugins (the scaffolder's pipeline step, with its service
 * token), and platform admins.
 */
export const environmentRunRecordPermission = createPermission({
  name: 'environment.run.record',
  attributes: { action: 'create' },
});

/**
 * Pause an environment (node groups to zero) or resume it. A resource
 * permission on its catalog entity with action `update`: the portal's
 * policy gives it to the entity's owners and platform admins.
 */
export const environmentPausePermission = createPermission({
  name: 'environment.pause',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Every permission of the environments plugin. */
export const environmentPermissions = [
  environmentExpiryExtendPermission,
  environmentPausePermission,
  environmentReadPermission,
  environmentRunRecordPermission,
];
