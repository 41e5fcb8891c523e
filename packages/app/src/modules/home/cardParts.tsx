import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Progress, WarningPanel } from '@backstage/core-components';

/** The APIs the home cards read the signed-in user's things through. */
export function useHomeApis() {
  return {
    identityApi: useApi(identityApiRef),
    catalogApi: useApi(catalogApiRef),
    config: useApi(configApiRef),
    discovery: useApi(discoveryApiRef),
    fetch: useApi(fetchApiRef).fetch,
    apis: useApiHolder(),
  };
}

/**
 * What a home card shows before it has its value: a progress bar while
 * loading, the error's panel after a failure; undefined once loaded.
 */
export function pendingContent(
  state: { loading: boolean; error?: Error },
  labels: { loading: string; error: string },
) {
  if (state.loading) return <Progress aria-label={labels.loading} />;
  if (state.error) {
    return (
      <WarningPanel
        severity="error"
        title={labels.error}
        message={state.error.message}
      />
    );
  }
  return undefined;
}
