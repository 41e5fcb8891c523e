export {
  ARGOCD_CREDENTIALS,
  argocdStandIn,
  createArgoCdServer,
  type ArgoCdServerOptions,
  type ArgoCredentials,
} from './ArgoCdStandIn.ts';
export {
  exampleInstances,
  type Application,
  type ArgoInstanceData,
  type RevisionMetadata,
} from './applications.ts';
export { PINNED_DIGEST, vendorCaseApplications } from './vendorCases.ts';
