/**
 * The portal's permission policy, and the owner-or-admin check other
 * backend plugins use for actions that change or destroy an entity.
 *
 * @packageDocumentation
 */
export { permissionModulePlatformPolicy as default } from './module';
export {
  PlatformPermissionPolicy,
  PLATFORM_ADMINS_GROUP_REF,
  isPlatformAdmin,
} from './PlatformPermissionPolicy';
export { entityChangePermission, isEntityOwnerOrAdmin } from './ownerOrAdmin';
