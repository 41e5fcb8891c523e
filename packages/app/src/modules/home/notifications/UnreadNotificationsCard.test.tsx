import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import { screen } from '@testing-library/react';
import { UnreadNotificationsCard } from './UnreadNotificationsCard';

const notification = (id: string, title: string, link?: string) => ({
  id,
  user: 'user:default/minsu.park',
  created: new Date('2026-12-03T09:00:00Z'),
  origin: 'plugin:alerts',
  payload: { title, link, severity: 'high' as const },
});

async function render(getNotifications: jest.Mock) {
  await renderInTestApp(
    <TestApiProvider
      apis={[[notificationsApiRef, { getNotifications } as any]]}
    >
      <UnreadNotificationsCard />
    </TestApiProvider>,
  );
}

describe('UnreadNotificationsCard', () => {
  it('lists the newest unread notifications, linked, and counts the rest', async () => {
    const getNotifications = jest.fn(async () => ({
      notifications: [
        notification(
          '1',
          'dev-a expires in 2 hours',
          '/catalog/default/resource/dev-a',
        ),
        notification('2', 'Budget passed'),
      ],
      totalCount: 9,
    }));
    await render(getNotifications);
    expect(
      await screen.findByRole('link', { name: 'dev-a expires in 2 hours' }),
    ).toHaveAttribute('href', '/catalog/default/resource/dev-a');
    expect(screen.getByText('Budget passed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '7 more unread' })).toHaveAttribute(
      'href',
      '/notifications',
    );
    expect(getNotifications).toHaveBeenCalledWith({
      read: false,
      limit: 5,
      sort: 'created',
      sortOrder: 'desc',
    });
  });

  it('says when there is nothing unread', async () => {
    await render(jest.fn(async () => ({ notifications: [], totalCount: 0 })));
    expect(
      await screen.findByText('No unread notifications.'),
    ).toBeInTheDocument();
  });

  it('names a failure', async () => {
    await render(
      jest.fn(async () => {
        throw new Error('notifications backend is down');
      }),
    );
    expect(
      await screen.findByText(/Couldn't load your notifications/),
    ).toBeInTheDocument();
  });
});
