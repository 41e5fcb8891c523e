/**
 * Guards the Argo CD backend plugin (`@roadiehq/backstage-plugin-argo-cd-backend`):
 * reads stay open, syncing is for the owners of the application's catalog
 * entity and platform admins, every other write is refused.
 *
 * @packageDocumentation
 */
export { argocdModuleGuard as default } from './module';
export {
  createArgoCdGuard,
  type ArgoCdGuardOptions,
} from './createArgoCdGuard';
export {
  ArgoSyncTargetFinder,
  claimantsOf,
  type SyncTarget,
  type SyncTargetFinder,
} from './SyncTargets';
