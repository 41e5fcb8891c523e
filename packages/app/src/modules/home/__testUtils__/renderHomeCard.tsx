import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import type { ComponentProps, ReactElement } from 'react';

type Apis = ComponentProps<typeof TestApiProvider>['apis'];

/**
 * Renders a home card for minsu.park, who owns through `ownership`: the
 * catalog `catalogApi`, the backends answered by `fetch`, `config`, and
 * `apis` besides; entity links resolve.
 */
export function renderHomeCard(
  card: ReactElement,
  options: {
    catalogApi: unknown;
    ownership: string[];
    fetch: unknown;
    config?: ReturnType<typeof mockApis.config>;
    apis?: Apis;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, options.catalogApi as any],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/minsu.park',
            ownershipEntityRefs: options.ownership,
          }),
        ],
        [configApiRef, options.config ?? mockApis.config()],
        [discoveryApiRef, mockApis.discovery()],
        [fetchApiRef, { fetch: options.fetch } as any],
        ...(options.apis ?? []),
      ]}
    >
      {card}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The card's "Create one" link, once the card says `empty` (it fails otherwise). */
export async function invitationToCreate(empty: RegExp) {
  await screen.findByText(empty);
  return screen.getByRole('link', { name: 'Create one' });
}
