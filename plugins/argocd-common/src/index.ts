/**
 * Permissions and annotations of the portal's Argo CD integration.
 *
 * @packageDocumentation
 */
export {
  argocdApplicationSyncPermission,
  argocdPermissions,
} from './permissions';
export {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_APP_SELECTOR_ANNOTATION,
  ARGOCD_COMPONENTS_REQUEST,
} from './annotations';
