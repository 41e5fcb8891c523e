import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { EnvironmentsClient } from './EnvironmentsClient';

/** The environments backend, through the app's discovery and fetch APIs. */
export function useEnvironmentsClient(): EnvironmentsClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new EnvironmentsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}
