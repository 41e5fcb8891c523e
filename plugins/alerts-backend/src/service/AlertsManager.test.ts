import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AlertEvent } from '@internal/plugin-alerts-node';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';
import { entities } from '../__testUtils__/fixtures';
import { AlertsManager } from './AlertsManager';

jest.setTimeout(60_000);

const build = (n: number): AlertEvent => ({
  type: 'pipeline.build',
  job: 'shop/shop-backend',
  build: n,
  result: 'FAILURE',
  entityRef: 'component:default/shop-backend',
});

describe('AlertsManager', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });

  async function replicas(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database.mock({
      getClient: async () => knex,
    });
    const send = jest.fn(async () => {});
    let now = new Date('2026-11-18T00:00:00Z');
    const make = async () =>
      new AlertsManager({
        store: await DatabaseAlertsStore.create(database),
        notifications: { send },
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        defaultLanguage: 'en',
        // sora.lee chose Korean in Settings; minsu.park chose nothing.
        userLanguages: {
          languagesOf: async users =>
            new Map(
              users
                .filter(u => u === 'user:default/sora.lee')
                .map(u => [u, 'ko' as const]),
            ),
        },
        burstWindowMs: 60_000,
        fallbackRecipients: ['group:default/platform-admins'],
        now: () => now,
      });
    return {
      a: await make(),
      b: await make(),
      send,
      advance: (ms: number) => {
        now = new Date(now.getTime() + ms);
      },
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('sends an event raised on two replicas at once exactly once', async () => {
      const { a, b, send } = await replicas(databaseId);
      const results = await Promise.all([a.raise(build(1)), b.raise(build(1))]);
      expect(results.map(r => r.status).sort()).toEqual(['duplicate', 'sent']);
      // one alert: its English and its Korean copy
      expect(send).toHaveBeenCalledTimes(2);
      // and after a "restart": a fresh manager on the same database
      expect((await b.raise(build(1))).status).toBe('duplicate');
      expect(send).toHaveBeenCalledTimes(2);
    });

    it('groups a burst into one digest after the window', async () => {
      const { a, b, send, advance } = await replicas(databaseId);
      expect((await a.raise(build(10))).status).toBe('sent');
      advance(1000);
      expect((await a.raise(build(11))).status).toBe('grouped');
      expect((await b.raise(build(12))).status).toBe('grouped');
      expect(await a.flushBursts()).toBe(0); // window still open
      advance(60_000);
      const flushed = await Promise.all([a.flushBursts(), b.flushBursts()]);
      expect(flushed.reduce((x, y) => x + y)).toBe(1);
      expect(send).toHaveBeenCalledTimes(4);
      // Each digest is whole in one language, for the users of that language.
      expect(send).toHaveBeenNthCalledWith(3, {
        recipients: {
          type: 'entity',
          entityRef: ['component:default/shop-backend'],
          excludeEntityRef: ['user:default/sora.lee'],
        },
        payload: expect.objectContaining({
          title: '2 more alerts like: Build failed: shop/shop-backend #11',
          description:
            '• Build failed: shop/shop-backend #11\n• Build failed: shop/shop-backend #12',
          metadata: { language: 'en' },
        }),
      });
      expect(send).toHaveBeenLastCalledWith({
        recipients: {
          type: 'entity',
          entityRef: ['component:default/shop-backend'],
          excludeEntityRef: ['user:default/minsu.park'],
        },
        payload: expect.objectContaining({
          metadata: { language: 'ko' },
          title: '알림 2건 묶음: 빌드 실패: shop/shop-backend #11',
          description:
            '• 빌드 실패: shop/shop-backend #11\n• 빌드 실패: shop/shop-backend #12',
          topic: 'pipeline.build',
          severity: 'high',
          link: '/catalog/default/component/shop-backend',
        }),
      });
    });

    it('sends events about unknown or ownerless entities to the fallback recipients', async () => {
      const { a, send } = await replicas(databaseId);
      await a.raise({ ...build(20), entityRef: 'component:default/nope' });
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/platform-admins'],
          },
          payload: expect.objectContaining({ metadata: { language: 'en' } }),
        }),
      );
      // No admin reads Korean: that copy is addressed to none of them.
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['group:default/platform-admins'],
            excludeEntityRef: ['user:default/jiyoung.kim'],
          },
          payload: expect.objectContaining({ metadata: { language: 'ko' } }),
        }),
      );
    });

    it('records a failed hand-over without throwing', async () => {
      const { a, send } = await replicas(databaseId);
      send.mockRejectedValueOnce(new Error('notifications down'));
      expect(await a.raise(build(30))).toEqual({
        id: 'pipeline.build:shop/shop-backend#30',
        status: 'failed',
      });
    });
  });
});
