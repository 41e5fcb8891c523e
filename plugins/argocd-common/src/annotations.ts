import {
  CATALOG_FILTER_EXISTS,
  type GetEntitiesRequest,
} from '@backstage/catalog-client';

/** The Argo CD application of an entity, by name (in every instance). */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/** The Argo CD applications of an entity, by a `k=v[,k2=v2]` label selector. */
export const ARGOCD_APP_SELECTOR_ANNOTATION = 'argocd/app-selector';

/**
 * The catalog request for the Components that claim Argo CD applications,
 * by name or by selector, with the fields needed to match them.
 */
export const ARGOCD_COMPONENTS_REQUEST: GetEntitiesRequest = {
  filter: [
    {
      kind: 'Component',
      [`metadata.annotations.${ARGOCD_APP_NAME_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
    {
      kind: 'Component',
      [`metadata.annotations.${ARGOCD_APP_SELECTOR_ANNOTATION}`]:
        CATALOG_FILTER_EXISTS,
    },
  ],
  fields: [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.annotations',
  ],
};
