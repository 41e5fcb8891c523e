import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { costUptimeApiRef, type CostUptimeApi } from '../api';

/**
 * Renders `element` in a test app whose cost and uptime API is `api`; with
 * `entity`, on that entity's page.
 */
export function renderWithApi(
  element: ReactElement,
  api: Partial<CostUptimeApi>,
  entity?: Entity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[costUptimeApiRef, api]]}>
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
  );
}
