import type { Entity } from '@backstage/catalog-model';
import { costUptimeApiRef } from '@internal/plugin-cost-uptime';
import type { CostUptimeApi } from '@internal/plugin-cost-uptime-common';
import { screen, within } from '@testing-library/react';
import {
  invitationToCreate,
  renderHomeCard,
} from '../__testUtils__/renderHomeCard';
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
  'cost-uptime.io/environment': 'team-a-dev',
});
const broken = environment('team-b-test', 'group:default/team-b', {
  'platform.acme.io/status': 'failed',
});
const theirs = environment('other-dev', 'group:default/team-b');

/** The environments backend without recorded history (404). */
const noHistory = async () => new Response('{}', { status: 404 });

/** A catalog that answers the card's query: environments owned by the refs. */
function catalogOf(entities: Entity[]) {
  return {
    getEntities: async ({ filter }: { filter: Record<string, string[]> }) => {
      const owners = filter['relations.ownedBy'];
      return {
        items: entities.filter(
          e => !owners || e.relations?.some(r => owners.includes(r.targetRef)),
        ),
      };
    },
  };
}

async function render(
  catalogApi: unknown,
  options: {
    groups?: string[];
    costApi?: Partial<CostUptimeApi>;
    fetch?: typeof globalThis.fetch;
  } = {},
) {
  await renderHomeCard(<MyEnvironmentsCard clock={clock} />, {
    catalogApi,
    ownership: [
      'user:default/minsu.park',
      ...(options.groups ?? ['group:default/team-a']),
    ],
    fetch: options.fetch ?? noHistory,
    apis: options.costApi ? [[costUptimeApiRef, options.costApi]] : [],
  });
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
      await invitationToCreate(/You own no environments yet/),
    ).toHaveAttribute('href', '/create/templates/default/create-environment');
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

  it("shows each environment's cost this month, and says when it is unknown", async () => {
    const second = environment('team-a-stg', 'group:default/team-a', {
      'cost-uptime.io/environment': 'team-a-stg',
    });
    const getSummary = jest.fn(async (filter?: { tagValue: string }) => {
      if (filter?.tagValue === 'team-a-stg') throw new Error('no data');
      return {
        currency: 'USD',
        monthToDate: { amount: 1234.5, estimated: true },
      } as any;
    });
    await render(catalogOf([mine, second, theirs]), {
      costApi: { getSummary },
    });
    const list = await screen.findByRole('list', { name: 'My environments' });
    expect(
      within(list).getByRole('listitem', { name: 'team-a-dev' }),
    ).toHaveTextContent('$1,234.50 this month (estimated)');
    expect(
      within(list).getByRole('listitem', { name: 'team-a-stg' }),
    ).toHaveTextContent('cost unavailable');
    expect(getSummary).toHaveBeenCalledWith({
      tagKey: 'environment',
      tagValue: 'team-a-dev',
    });
  });

  it('shows platform admins every environment that failed, apart from their own', async () => {
    await render(catalogOf([mine, broken, theirs]), {
      groups: ['group:default/platform-admins'],
    });
    const attention = await screen.findByTestId('home-attention');
    expect(attention).toHaveTextContent('Needs attention (all environments)');
    const item = within(attention).getByRole('listitem', {
      name: 'team-b-test',
    });
    expect(item).toHaveTextContent('Failed');
    // The admin owns none of them: the own list stays empty.
    expect(screen.getByText(/You own no environments yet/)).toBeInTheDocument();
  });

  it('shows developers no attention list', async () => {
    await render(catalogOf([mine, broken]));
    await screen.findByRole('list', { name: 'My environments' });
    expect(screen.queryByTestId('home-attention')).not.toBeInTheDocument();
  });

  it('shows the state the environments backend recorded over the annotation', async () => {
    const fetch = jest.fn(async (url: string) =>
      url.endsWith('/environments/team-a-dev')
        ? new Response(JSON.stringify({ state: 'paused', runs: [] }), {
            status: 200,
          })
        : new Response('{}', { status: 404 }),
    );
    await render(catalogOf([mine]), { fetch: fetch as any });
    const list = await screen.findByRole('list', { name: 'My environments' });
    expect(
      within(list).getByRole('listitem', { name: 'team-a-dev' }),
    ).toHaveTextContent('paused');
  });
});
