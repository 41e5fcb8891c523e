/** The Argo CD application of an entity, by name (in every instance). */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/** The Argo CD applications of an entity, by a `k=v[,k2=v2]` label selector. */
export const ARGOCD_APP_SELECTOR_ANNOTATION = 'argocd/app-selector';
