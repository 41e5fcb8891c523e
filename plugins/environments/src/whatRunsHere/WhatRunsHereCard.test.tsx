import type { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { devA, json, renderOnEntity } from '../__testUtils__/render';
import { WhatRunsHereCard } from './WhatRunsHereCard';

const shopBackend: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-backend',
    title: 'Shop backend',
    annotations: { 'argocd/app-name': 'shop-backend' },
  },
  spec: { type: 'service' },
};
const argocd = {
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [{ name: 'dev-a', url: 'http://argo-dev-a' }],
      },
    ],
  },
};

async function render(fetch: typeof globalThis.fetch, config = argocd) {
  await renderOnEntity(<WhatRunsHereCard />, {
    entity: devA,
    fetch,
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [devA, shopBackend] })],
      [configApiRef, mockApis.config({ data: config })],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('WhatRunsHereCard', () => {
  it("lists the services' applications with sync and health, linked to the service", async () => {
    await render(async () =>
      json({
        metadata: { name: 'shop-backend' },
        status: {
          sync: { status: 'Synced' },
          health: { status: 'Degraded' },
        },
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Argo CD applications in this environment',
    });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Shop backend');
    expect(row).toHaveTextContent('SyncedDegraded');
    expect(
      within(row).getByRole('link', { name: 'Shop backend' }),
    ).toHaveAttribute('href', expect.stringContaining('shop-backend'));
  });

  it('says when nothing is deployed here', async () => {
    await render(async () =>
      json(
        {
          error: { name: 'Error', message: 'Request failed with 404' },
          request: { method: 'GET', url: '/' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    expect(
      await screen.findByText(
        'No Argo CD application of a catalog service is deployed here.',
      ),
    ).toBeInTheDocument();
  });

  it('says when the environment has no Argo CD', async () => {
    await render(async () => new Response('{}'), {
      argocd: { appLocatorMethods: [] },
    } as any);
    expect(
      await screen.findByText(
        'This environment has no Argo CD instance in the portal config.',
      ),
    ).toBeInTheDocument();
  });
});
