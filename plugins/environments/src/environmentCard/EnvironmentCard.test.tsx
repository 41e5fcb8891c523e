import type { Entity } from '@backstage/catalog-model';
import { configApiRef, identityApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { json, renderOnEntity } from '../__testUtils__/render';
import { EnvironmentCard } from './EnvironmentCard';

const DAY = 24 * 3600 * 1000;

const devA = (expiresAt: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dev-a',
    annotations: {
      'platform.acme.io/purpose': 'dev',
      'platform.acme.io/expires-at': expiresAt,
      'platform.acme.io/status': 'ready',
    },
  },
  spec: { type: 'environment', owner: 'group:default/developers' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/developers' }],
});

async function render(entity: Entity, config: object = {}) {
  const posts: unknown[] = [];
  const fetch = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      return json({ name: 'dev-a', expiresAt: '2030-01-01T00:00:00.000Z' });
    }
    return json({ name: 'dev-a', state: 'ready', runs: [] });
  });
  await renderOnEntity(<EnvironmentCard pollMs={60_000} />, {
    entity,
    fetch,
    apis: [
      [configApiRef, mockApis.config({ data: config })],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: 'user:default/minsu.park',
          ownershipEntityRefs: ['group:default/developers'],
        }),
      ],
    ],
  });
  return { posts };
}

describe('EnvironmentCard', () => {
  afterEach(() => window.history.replaceState({}, '', '/'));

  it('opens the extend dialog for ?extend=1 (the expiry warnings link there) and extends from it', async () => {
    window.history.replaceState({}, '', '/?extend=1');
    const { posts } = await render(
      devA(new Date(Date.now() + 2 * 3600_000).toISOString()),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Extend the expiry' }),
    ).toHaveTextContent(
      'Extend dev-a by 7 days? Its purpose allows at most 30 days from now.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Extend' }));
    await waitFor(() => expect(posts).toEqual([{ days: 8 }]));
    expect(await screen.findByText(/^Expiry extended to /)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('opens no dialog without ?extend=1, and caps the button at the configured maximum', async () => {
    const { posts } = await render(
      devA(new Date(Date.now() + 9.5 * DAY).toISOString()),
      { platform: { environments: { ttl: { dev: { maxDays: 12 } } } } },
    );
    const button = await screen.findByRole('button', {
      name: 'Extend by 7 days',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    await waitFor(() => expect(posts).toEqual([{ days: 12 }]));
  });
});
