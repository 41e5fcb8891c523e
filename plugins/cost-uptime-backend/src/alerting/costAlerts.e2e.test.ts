/*
 * End to end through a real backend: a collection run of the cost and uptime
 * plugin reads the sandbox's Cost Explorer stand-in and a real Prometheus,
 * its detector raises through alertsServiceRef into the real alerts plugin,
 * which sends through the notifications plugin and our Slack and KakaoTalk
 * modules into the sandbox's Slack and Kakao stand-ins over HTTP.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real alerts backend in the test backend: this is its end-to-end test
// from the raising side (a devDependency; production code only uses alerts-node).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import alertsPlugin from '@internal/plugin-alerts-backend';
import kakaoModule from '@internal/plugin-notifications-backend-module-kakaotalk';
import slackModule from '@internal/plugin-notifications-backend-module-slack-alerts';
import { SIMPLE_MODEL } from '@internal/sandbox/cost-explorer';
import {
  KAKAO_SANDBOX_CLIENT_ID,
  KAKAO_SANDBOX_CLIENT_SECRET,
  KAKAO_SANDBOX_REFRESH_TOKEN,
  KakaoStandIn,
} from '@internal/sandbox/kakao';
import { Sandbox } from '@internal/sandbox';
import { SLACK_SANDBOX_TOKEN, SlackStandIn } from '@internal/sandbox/slack';
import { DateTime } from 'luxon';
import request from 'supertest';
import { costUptimePlugin } from '../plugin';
import { RARELY, runOnRequest, waitFor } from '../__testUtils__/backend';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import {
  openMetrics,
  startPrometheus,
  type RunningPrometheus,
} from '../__testUtils__/prometheus';

jest.setTimeout(180_000);

const DEVELOPERS_KAKAO = 'uuid-developers-oncall';
const MINSU_KAKAO = 'uuid-minsu';
const SORA_KAKAO = 'uuid-sora';
const ADMINS_KAKAO = 'uuid-admins';
const JIYOUNG_KAKAO = 'uuid-jiyoung';

const ownedBy = (group: string) => [
  { type: 'ownedBy', targetRef: `group:default/${group}` },
];

const user = (name: string, group: string, kakao: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'kakao.com/uuid': kakao },
  },
  spec: { memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

const group = (
  name: string,
  members: string[],
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

/**
 * developers own the dev-a environment (budget 1 by annotation, so it is
 * over budget however early in the month) and shop-backend (SLO 99.5 %);
 * platform-admins are the alerts backend's fallback for untagged cost.
 */
const entities: Entity[] = [
  group('developers', ['minsu.park', 'sora.lee'], {
    'slack.com/channel': '#dev-alerts',
    'kakao.com/receiver-uuids': DEVELOPERS_KAKAO,
  }),
  group('platform-admins', ['jiyoung.kim']),
  user('minsu.park', 'developers', MINSU_KAKAO),
  user('sora.lee', 'developers', SORA_KAKAO),
  user('jiyoung.kim', 'platform-admins', JIYOUNG_KAKAO),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'env-dev-a',
      namespace: 'default',
      annotations: {
        'cost-uptime.io/environment': 'dev-a',
        'cost-uptime.io/monthly-budget': '1',
      },
    },
    spec: { type: 'environment', owner: 'group:default/developers' },
    relations: ownedBy('developers'),
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-backend',
      namespace: 'default',
      annotations: {
        'cost-uptime.io/service': 'shop-backend',
        'cost-uptime.io/slo': '99.5',
      },
    },
    spec: { type: 'service', owner: 'group:default/developers' },
    relations: ownedBy('developers'),
  },
];

describe('cost and uptime alerts end to end', () => {
  const slack = new SlackStandIn();
  const kakao = new KakaoStandIn();
  const sandbox = new Sandbox([slack, kakao]);
  let ce: Awaited<ReturnType<typeof startCostExplorer>>;
  let prometheus: RunningPrometheus;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const { standIns } = await sandbox.start(0);
    const url = (name: string) => standIns.find(s => s.name === name)!.url;

    // dev-a and a large untagged share (30 of 70 a day).
    ce = await startCostExplorer({
      model: {
        tags: {
          environment: { 'dev-a': 40, '': 30 },
          service: { 'shop-backend': 50, '': 20 },
        },
        services: SIMPLE_MODEL.services,
      },
    });
    // The last billed day (yesterday) costs five times as much: growth.
    const yesterday = DateTime.utc().minus({ days: 1 }).toISODate()!;
    ce.state.adjust = { [yesterday]: 5 };

    // shop-backend in dev-a: up for two days but for three hours.
    const now = Math.floor(Date.now() / 1000);
    const start = now - 50 * 3600;
    prometheus = await startPrometheus(
      openMetrics(
        [
          {
            name: 'up',
            labels: { job: 'shop-backend', instance: 'pod-1' },
            value: t => (t > now - 20 * 3600 && t < now - 17 * 3600 ? 0 : 1),
          },
        ],
        start,
        now,
        60,
      ),
    );

    const backend = await startTestBackend({
      features: [
        costUptimePlugin,
        alertsPlugin,
        notificationsPlugin,
        slackModule,
        kakaoModule,
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.test' },
            costUptime: {
              schedule: RARELY,
              costExplorer: ce.config({ backfillDays: 20 }),
              prometheus: {
                backfillDays: 2,
                servers: [{ environment: 'dev-a', url: prometheus.url }],
              },
              alerts: {
                growthThresholdPercent: { day: 50, week: 30 },
                untaggedMaxShare: 0.1,
              },
            },
            alerts: {
              defaultLanguage: 'en',
              burstWindow: '0s',
              fallbackRecipients: ['group:default/platform-admins'],
              groups: {
                'platform-admins': {
                  slackChannel: '#platform',
                  kakaoReceiverUuids: [ADMINS_KAKAO],
                },
              },
              slack: {
                apiBaseUrl: `${url('slack')}/api`,
                token: SLACK_SANDBOX_TOKEN,
                initialRetryDelayMs: 10,
              },
              kakaotalk: {
                apiBaseUrl: url('kakao'),
                authBaseUrl: url('kakao'),
                clientId: KAKAO_SANDBOX_CLIENT_ID,
                clientSecret: KAKAO_SANDBOX_CLIENT_SECRET,
                refreshToken: KAKAO_SANDBOX_REFRESH_TOKEN,
                batchWindowMs: 50,
                initialRetryDelayMs: 10,
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await prometheus?.stop();
    await ce?.stop();
    await sandbox.stop();
  });

  const slackPosts = () =>
    slack.recorder.requests
      .filter(r => r.path === '/api/chat.postMessage' && r.status === 200)
      .map(r => ({
        channel: (r.body as any).channel as string,
        text: (r.body as any).text as string,
        authorization: r.headers.authorization,
      }));
  const kakaoMessages = () =>
    kakao.recorder.requests
      .filter(r => r.path.includes('/friends/') && r.status === 200)
      .map(r => ({
        title: JSON.parse((r.body as any).template_object).text.split(
          '\n',
        )[0] as string,
        webUrl: JSON.parse((r.body as any).template_object).link
          .web_url as string,
        receivers: JSON.parse((r.body as any).receiver_uuids) as string[],
      }));

  const runCollection = () =>
    runOnRequest(
      server,
      mockCredentials.user.header('user:default/jiyoung.kim'),
    );

  it('a collection run alerts each kind of event to its owners in Slack and KakaoTalk, once', async () => {
    const run = await runCollection();
    // Succeeded: every alert was handed to the alerts backend.
    expect(run).toMatchObject({ status: 'succeeded', error: null });

    const expected = [
      {
        type: 'cost.over-budget',
        title: /^Over budget: dev-a \d{4}-\d{2}$/,
        channel: '#dev-alerts',
        kakao: [DEVELOPERS_KAKAO, MINSU_KAKAO, SORA_KAKAO],
        link: 'http://portal.test/catalog/default/resource/env-dev-a/cost-uptime',
      },
      {
        type: 'cost.growth',
        title: /^Cost up [\d.]+% day over day: dev-a$/,
        channel: '#dev-alerts',
        kakao: [DEVELOPERS_KAKAO, MINSU_KAKAO, SORA_KAKAO],
        link: 'http://portal.test/catalog/default/resource/env-dev-a/cost-uptime',
      },
      {
        type: 'cost.untagged',
        title: /^Untagged cost at [\d.]+% \(\d{4}-\d{2}\)$/,
        channel: '#platform',
        kakao: [ADMINS_KAKAO, JIYOUNG_KAKAO],
        link: 'http://portal.test/cost-uptime',
      },
      {
        type: 'uptime.below-slo',
        title: /^Availability below SLO: shop-backend \(dev-a\)$/,
        channel: '#dev-alerts',
        kakao: [DEVELOPERS_KAKAO, MINSU_KAKAO, SORA_KAKAO],
        link: 'http://portal.test/catalog/default/component/shop-backend/cost-uptime',
      },
    ];

    for (const e of expected) {
      const post = await waitFor(
        () => slackPosts().find(p => e.title.test(p.text)),
        `the ${e.type} Slack post`,
      );
      expect(post.channel).toBe(e.channel);
      expect(post.authorization).toBe(`Bearer ${SLACK_SANDBOX_TOKEN}`);

      const receivers = await waitFor(() => {
        const got = kakaoMessages()
          .filter(m => e.title.test(m.title))
          .flatMap(m => m.receivers);
        return got.length >= e.kakao.length ? got : undefined;
      }, `the ${e.type} KakaoTalk messages`);
      expect(receivers.sort()).toEqual([...e.kakao].sort());
      expect(kakaoMessages().find(m => e.title.test(m.title))!.webUrl).toBe(
        e.link,
      );
    }

    // The owners see them in the portal too.
    const web = await request(server)
      .get('/api/notifications/notifications')
      .set(
        'authorization',
        mockCredentials.user.header('user:default/sora.lee'),
      );
    const topics = new Set(
      web.body.notifications.map((n: any) => n.payload.topic),
    );
    for (const topic of [
      'cost.over-budget',
      'cost.growth',
      'uptime.below-slo',
    ]) {
      expect(topics).toContain(topic);
    }

    // A second run over the same data raises the same ids: nothing new is sent.
    const postsBefore = slackPosts().length;
    const kakaoBefore = kakaoMessages().length;
    const again = await runCollection();
    expect(again).toMatchObject({ status: 'succeeded' });
    await new Promise(r => setTimeout(r, 1000));
    expect(slackPosts()).toHaveLength(postsBefore);
    expect(kakaoMessages()).toHaveLength(kakaoBefore);
  });
});
