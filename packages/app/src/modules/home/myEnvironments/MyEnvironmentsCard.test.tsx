import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { MyEnvironmentsCard } from './MyEnvironmentsCard';

const now = new Date('2026-12-31T10:00:00Z');
const clock = { now: () => now };

function environment(name: string, owner: string, annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type: 'environment', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const mine = environment('team-a-dev', 'group:default/team-a', {
  'platform.acme.io/status': 'ready',
  'platform.acme.io/expires-at': '2027-01-03T10:00:00Z',
});
const theirs = environment('other-dev', 'group:default/team-b');

/** A catalog that answers the card's query: environments owned by the refs. */
function catalogOf(entities: Entity[]) {
  return {
    getEntities: async ({ filter }: { filter: Record<string, string[]> }) => {
      const owners = filter['relations.ownedBy'];
      return {
        items: entities.filter(e =>
          e.relations?.some(r => owners.includes(r.targetRef)),
        ),
      };
    },
  };
}

async function render(catalogApi: unknown) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi as any],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/minsu.park',
            ownershipEntityRefs: [
              'user:default/minsu.park',
              'group:default/team-a',
            ],
          }),
        ],
      ]}
    >
      <MyEnvironmentsCard clock={clock} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('MyEnvironmentsCard', () => {
  it("lists the user's groups' environments with state and expiry, linked", async () => {
    await render(catalogOf([mine, theirs]));
    const list = await screen.findByRole('list', { name: 'My environments' });
    const item = within(list).getByRole('listitem', { name: 'team-a-dev' });
    expect(within(item).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/resource/team-a-dev',
    );
    expect(item).toHaveTextContent('ready');
    // Across the year boundary: three days after 31 December.
    expect(item).toHaveTextContent('Expires in 3 days');
    expect(item).toHaveTextContent('2027');
    expect(screen.queryByText('other-dev')).not.toBeInTheDocument();
  });

  it('shows loading while the catalog answers', async () => {
    await render({ getEntities: () => new Promise(() => {}) });
    expect(
      await screen.findByLabelText('Loading your environments'),
    ).toBeInTheDocument();
  });

  it('invites to create one when the user owns none', async () => {
    await render(catalogOf([theirs]));
    expect(
      await screen.findByText(/You own no environments yet/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create one' })).toHaveAttribute(
      'href',
      '/create/templates/default/create-environment',
    );
  });

  it('names what failed when the catalog fails', async () => {
    await render({
      getEntities: async () => {
        throw new Error('catalog is down');
      },
    });
    expect(
      await screen.findByText(/Couldn't load your environments/),
    ).toBeInTheDocument();
  });
});
