import type { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { ComponentProps, ReactElement } from 'react';

/** dev-a as the catalog has it: a Resource of type environment. */
export const devA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-a' },
  spec: { type: 'environment' },
};

/** A JSON answer of the backend. */
export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

type Apis = ComponentProps<typeof TestApiProvider>['apis'];

/**
 * Renders `element` on `entity`'s page, the backends at `http://b/api/<id>`
 * answered by `fetch`, with `apis` besides.
 */
export function renderOnEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    fetch: typeof globalThis.fetch;
    apis?: Apis;
    mountedRoutes?: NonNullable<
      Parameters<typeof renderInTestApp>[1]
    >['mountedRoutes'];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        ...(options.apis ?? []),
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://b/api/${id}` },
        ],
        [fetchApiRef, { fetch: options.fetch }],
      ]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: options.mountedRoutes },
  );
}
