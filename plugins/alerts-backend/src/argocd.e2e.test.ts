/*
 * End to end for Argo CD: the Argo CD stand-in reports a failed sync, the
 * alerts plugin's Argo CD module polls it, and the owners' Slack channel and
 * KakaoTalk receivers get one message: not one per poll, and not one per
 * replica. Two backends (replicas) share the databases, as in production.
 */
import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import argocdModule, {
  ARGOCD_POLL_TASK_ID,
} from '@internal/plugin-alerts-backend-module-argocd';
import {
  ARGOCD_CREDENTIALS,
  createArgoCdServer,
  exampleInstances,
} from '@internal/sandbox/argocd';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ChatStandIns,
  startAlertsBackend,
  startChatStandIns,
} from './__testUtils__/alertsBackend';
import {
  GROUP_KAKAO_UUID,
  MINSU_KAKAO_UUID,
  SORA_KAKAO_UUID,
} from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const settle = () => new Promise(r => setTimeout(r, 500));

describe('Argo CD alerts end to end', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });
  let chat: ChatStandIns;
  const argoData = exampleInstances();
  const argocd: Server = createArgoCdServer(argoData);
  let argocdUrl: string;

  beforeAll(async () => {
    chat = await startChatStandIns();
    await new Promise<void>(r => argocd.listen(0, '127.0.0.1', () => r()));
    argocdUrl = `http://127.0.0.1:${(argocd.address() as AddressInfo).port}`;
    // Only the failed sync: shop-backend in dev-a is healthy again.
    const shopBackend = argoData['dev-a'].applications.find(
      a => a.metadata.name === 'shop-backend',
    )!;
    shopBackend.status.health = { status: 'Healthy' };
  });
  afterAll(async () => {
    await chat?.stop();
    await new Promise<void>(r => argocd.close(() => r()));
  });

  /**
   * One replica: a backend with the alerts plugin and its Argo CD module,
   * the notifications plugin and the Slack and KakaoTalk modules. Its
   * scheduled tasks run when the test says so.
   */
  async function replica(database: (pluginId: string) => Promise<Knex>) {
    const tasks = new Map<string, () => Promise<void>>();
    const record = async (task: SchedulerServiceTaskInvocationDefinition) => {
      tasks.set(task.id, async () => task.fn(new AbortController().signal));
    };
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: record,
      createScheduledTaskRunner: () => ({ run: record }),
    });
    const backend = await startAlertsBackend({
      chat,
      features: [
        argocdModule,
        scheduler.factory,
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) => ({
            getClient: () => database(plugin.getId()),
          }),
        }),
      ],
      config: {
        argocd: {
          appLocatorMethods: [
            {
              type: 'config',
              instances: ['dev-a', 'prod'].map(name => ({
                name,
                url: `${argocdUrl}/${name}`,
                ...ARGOCD_CREDENTIALS[name],
              })),
            },
          ],
        },
      },
    });
    return {
      poll: () => tasks.get(ARGOCD_POLL_TASK_ID)!(),
      stop: () => backend.stop(),
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('a failed sync reaches Slack and KakaoTalk once, after two polls and on a second replica', async () => {
      chat.clear();
      // One database per plugin, shared by both replicas; the alerts
      // plugin (and its module) on the engine under test.
      const knexes = new Map<string, Promise<Knex>>();
      const database = (pluginId: string) => {
        if (!knexes.has(pluginId)) {
          knexes.set(
            pluginId,
            databases.init(pluginId === 'alerts' ? databaseId : 'SQLITE_3'),
          );
        }
        return knexes.get(pluginId)!;
      };
      const a = await replica(database);
      const b = await replica(database);
      try {
        await a.poll();
        await settle();
        await a.poll();
        await b.poll();
        await settle();

        const slackPosts = chat.slack.recorder.requests.filter(
          r => r.path === '/api/chat.postMessage',
        );
        expect(slackPosts.map(r => r.status)).toEqual([200]);
        const post = slackPosts[0].body as any;
        expect(post.channel).toBe('#dev-alerts');
        expect(post.text).toBe('Sync failed: shop-backend (dev-a)');
        expect(post.blocks[0].text.text).toContain(
          'PostSync hook Job shop/shop-backend-smoke-test failed',
        );
        expect(post.blocks[1].elements[0].text).toBe(
          '<http://portal.test/catalog/default/component/shop-backend|Open in portal>',
        );

        const kakaoMessages = chat.kakao.recorder.requests.filter(r =>
          r.path.includes('/friends/'),
        );
        expect(kakaoMessages.map(r => r.status)).toEqual([200]);
        const body = kakaoMessages[0].body as any;
        expect(JSON.parse(body.receiver_uuids).sort()).toEqual(
          [GROUP_KAKAO_UUID, MINSU_KAKAO_UUID, SORA_KAKAO_UUID].sort(),
        );
        const template = JSON.parse(body.template_object);
        expect(template.text).toMatch(/^Sync failed: shop-backend \(dev-a\)\n/);
        expect(template.link.web_url).toBe(
          'http://portal.test/catalog/default/component/shop-backend',
        );
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });
});
