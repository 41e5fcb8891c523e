/*
 * End to end through a real backend: the alerts plugin, the notifications
 * plugin and our Slack and KakaoTalk modules, delivering into the sandbox's
 * Slack and Kakao stand-ins over HTTP.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AlertEvent, ALERT_EVENT_TYPES } from '@internal/plugin-alerts-node';
import request from 'supertest';
import { SLACK_SANDBOX_TOKEN } from '@internal/sandbox/slack';
import { randomUUID } from 'node:crypto';
import { signWebhook } from './service/JenkinsWebhook';
import { useAlertsBackend, waitFor } from './__testUtils__/alertsBackend';
import {
  GROUP_KAKAO_UUID,
  MINSU_KAKAO_UUID,
  SORA_KAKAO_UUID,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const SECRET = 'test-webhook-secret';

/**
 * One example of every event type, about entities the developers own, with
 * the facts its message must carry and the portal page it must link to.
 */
const examples: { event: AlertEvent; facts: string[]; link: string }[] = [
  {
    event: {
      type: 'pipeline.build',
      job: 'shop/shop-backend',
      build: 7,
      result: 'FAILURE',
      entityRef: 'component:default/shop-backend',
      logTail: 'npm ERR! test failed',
    },
    facts: ['Build failed: shop/shop-backend #7', 'npm ERR! test failed'],
    link: '/catalog/default/component/shop-backend',
  },
  {
    event: {
      type: 'environment.task',
      action: 'create',
      environment: 'dev-a',
      status: 'failed',
      taskId: 'task-1',
      entityRef: 'resource:default/env-dev-a',
      logTail: 'terraform: error',
    },
    facts: ['Environment dev-a creation failed', 'terraform: error'],
    link: '/create/tasks/task-1',
  },
  {
    event: {
      type: 'environment.expiry',
      environment: 'dev-a',
      expiresAt: '2026-12-01T09:00:00Z',
      entityRef: 'resource:default/env-dev-a',
    },
    facts: ['Environment dev-a expires soon', '2026-12-01 09:00 UTC'],
    link: '/catalog/default/resource/env-dev-a',
  },
  {
    event: {
      type: 'environment.estimate-gap',
      environment: 'dev-a',
      days: 7,
      estimated: 120.5,
      billed: 180.25,
      currency: 'USD',
      causes: ['instance type'],
      entityRef: 'resource:default/env-dev-a',
    },
    facts: [
      'Environment dev-a costs +50% against its estimate',
      'billed $180.25, estimated $120.50',
      'Likely cause: instance type',
    ],
    link: '/catalog/default/resource/env-dev-a',
  },
  {
    event: {
      type: 'deployment.sync-failed',
      application: 'shop-backend-dev',
      environment: 'dev-a',
      revision: 'abcdef123456',
      message: 'ComparisonError',
      entityRef: 'component:default/shop-backend',
    },
    facts: [
      'Sync failed: shop-backend-dev (dev-a)',
      'rev abcdef12',
      'ComparisonError',
    ],
    link: '/catalog/default/component/shop-backend',
  },
  {
    event: {
      type: 'deployment.degraded',
      application: 'shop-backend-prod',
      environment: 'prod',
      message: 'Deployment exceeded its progress deadline',
      entityRef: 'component:default/shop-backend',
    },
    facts: [
      'Degraded: shop-backend-prod (prod)',
      'Deployment exceeded its progress deadline',
    ],
    link: '/catalog/default/component/shop-backend',
  },
  {
    event: {
      type: 'cost.over-budget',
      environment: 'dev-a',
      month: '2026-11',
      amount: 512.3,
      budget: 400,
      currency: 'USD',
      entityRef: 'resource:default/env-dev-a',
    },
    facts: ['Over budget: dev-a 2026-11', '$512.30', '$400.00'],
    link: '/catalog/default/resource/env-dev-a',
  },
  {
    event: {
      type: 'cost.growth',
      environment: 'dev-a',
      period: 'day',
      periodLabel: '2026-11-16',
      previous: 10,
      current: 25,
      thresholdPercent: 50,
      currency: 'USD',
      entityRef: 'resource:default/env-dev-a',
    },
    facts: ['Cost up 150.00% day over day: dev-a', '$10.00 → $25.00'],
    link: '/catalog/default/resource/env-dev-a',
  },
  {
    event: {
      type: 'cost.untagged',
      periodLabel: '2026-11',
      share: 0.31,
      thresholdShare: 0.1,
      amount: 120,
      currency: 'USD',
      entityRef: 'group:default/developers',
    },
    facts: ['Untagged cost at 31.0% (2026-11)', '$120.00', '10.0%'],
    link: '/cost-uptime',
  },
  {
    event: {
      type: 'uptime.below-slo',
      service: 'shop-backend',
      availability: 0.991,
      slo: 0.999,
      window: '30d',
      entityRef: 'component:default/shop-backend',
    },
    facts: ['Availability below SLO: shop-backend', '30d', '99.10%', '99.90%'],
    link: '/catalog/default/component/shop-backend',
  },
];

describe('alerts end to end', () => {
  const backend = useAlertsBackend({
    alerts: {
      groups: { 'platform-admins': { slackChannel: '#platform' } },
      jenkins: { webhookSecret: SECRET },
    },
  });

  beforeEach(() => backend.chat.clear());

  const raise = (event: AlertEvent) =>
    request(backend.server)
      .post('/api/alerts/events')
      .set('authorization', mockCredentials.service.header())
      .send(event);

  const slackPosts = () => backend.chat.slackPosts();
  const kakaoReceivers = () => backend.chat.kakaoReceivers();

  it('has an example of every event type', () => {
    expect(examples.map(e => e.event.type).sort()).toEqual(
      [...ALERT_EVENT_TYPES].sort(),
    );
  });

  it.each(examples.map(e => [e.event.type, e] as const))(
    '%s reaches the owners in the portal, Slack and KakaoTalk',
    async (_type, { event, facts, link }) => {
      const res = await raise({ ...event, id: `e2e-${randomUUID()}` });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('sent');

      const posts = await waitFor(
        () => (slackPosts().length ? slackPosts() : undefined),
        'a Slack post',
      );
      expect(posts).toHaveLength(1);
      const post = posts[0].body as any;
      expect(posts[0].headers.authorization).toBe(
        `Bearer ${SLACK_SANDBOX_TOKEN}`,
      );
      expect(post.channel).toBe('#dev-alerts');
      expect(post.text).toBe(facts[0]);
      for (const fact of facts) {
        expect(post.blocks[0].text.text).toContain(fact);
      }
      expect(post.blocks[1].elements[0].text).toBe(
        `<http://portal.test${link}|Open in portal>`,
      );

      const receivers = await waitFor(
        () => (kakaoReceivers().length >= 3 ? kakaoReceivers() : undefined),
        'KakaoTalk messages',
      );
      expect(receivers.sort()).toEqual(
        [GROUP_KAKAO_UUID, MINSU_KAKAO_UUID, SORA_KAKAO_UUID].sort(),
      );
      const kakaoCalls = backend.chat.kakao.recorder.requests.filter(
        r => r.path.includes('/friends/') && r.status === 200,
      );
      for (const call of kakaoCalls) {
        const template = JSON.parse((call.body as any).template_object);
        expect(template).toMatchObject({
          object_type: 'text',
          link: {
            web_url: `http://portal.test${link}`,
            mobile_web_url: `http://portal.test${link}`,
          },
        });
        expect(template.text.length).toBeLessThanOrEqual(200);
        for (const fact of facts) {
          expect(template.text).toContain(fact);
        }
      }

      // And in the portal, for a member of the owning group.
      const web = await request(backend.server)
        .get('/api/notifications/notifications')
        .set(
          'authorization',
          mockCredentials.user.header('user:default/sora.lee'),
        );
      expect(web.status).toBe(200);
      expect(
        web.body.notifications.some(
          (n: any) =>
            n.payload.topic === event.type && n.payload.title === facts[0],
        ),
      ).toBe(true);
    },
  );

  it('sends the same event once', async () => {
    const event: AlertEvent = {
      ...examples[0].event,
      id: `dup-${randomUUID()}`,
    };
    expect((await raise(event)).body.status).toBe('sent');
    expect((await raise(event)).body.status).toBe('duplicate');
    await waitFor(() => slackPosts()[0], 'the first post');
    await new Promise(r => setTimeout(r, 300));
    expect(slackPosts()).toHaveLength(1);
  });

  it('retries Slack after 429 (Retry-After) and 5xx, and KakaoTalk after 5xx and an expired token', async () => {
    const control = (
      name: 'slack' | 'kakao',
      path: string,
      body: object = {},
    ) =>
      fetch(`${backend.chat.url(name)}/_sandbox/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    await control('slack', 'fail', { status: 429, retryAfter: 1 });
    await control('slack', 'fail', { status: 503 });
    await control('kakao', 'fail', {
      status: 500,
      path: '/v1/api/talk/friends/message/default/send',
    });
    await control('kakao', 'expire-tokens');

    const started = Date.now();
    const degraded = examples.find(
      e => e.event.type === 'deployment.degraded',
    )!;
    await raise({ ...degraded.event, id: `retry-${randomUUID()}` });
    await waitFor(() => slackPosts()[0], 'a Slack post after retries');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const slackStatuses = backend.chat.slack.recorder.requests.map(
      r => r.status,
    );
    expect(slackStatuses).toEqual([429, 503, 200]);
    await waitFor(
      () => (kakaoReceivers().length >= 3 ? true : undefined),
      'KakaoTalk after retries',
    );
    const kakaoStatuses = backend.chat.kakao.recorder.requests.map(
      r => `${r.path} ${r.status}`,
    );
    expect(kakaoStatuses).toContain(
      '/v1/api/talk/friends/message/default/send 401',
    );
    expect(kakaoStatuses).toContain(
      '/v1/api/talk/friends/message/default/send 500',
    );
    expect(kakaoStatuses).toContain('/oauth/token 200');
  });

  it('honours a user muting a topic for KakaoTalk', async () => {
    const sora = mockCredentials.user.header('user:default/sora.lee');
    const settings = await request(backend.server)
      .post('/api/notifications/settings')
      .set('authorization', sora)
      .send({
        channels: [
          {
            id: 'KakaoTalk',
            origins: [
              {
                id: 'plugin:alerts',
                enabled: true,
                topics: [{ id: 'cost.growth', enabled: false }],
              },
            ],
          },
        ],
      });
    expect(settings.status).toBe(200);

    const growth = examples.find(e => e.event.type === 'cost.growth')!;
    await raise({ ...growth.event, id: `mute-${randomUUID()}` });
    await waitFor(
      () => (kakaoReceivers().length >= 2 ? true : undefined),
      'KakaoTalk messages',
    );
    await new Promise(r => setTimeout(r, 300));
    expect(kakaoReceivers().sort()).toEqual(
      [GROUP_KAKAO_UUID, MINSU_KAKAO_UUID].sort(),
    );
  });

  describe('Jenkins webhook', () => {
    const body = JSON.stringify({
      job: 'shop/shop-backend',
      build: 42,
      result: 'FAILURE',
      url: 'http://jenkins.test/job/shop/job/shop-backend/42/',
      logTail: 'ERROR: tests failed',
    });
    const signed = (
      options: {
        ts?: number;
        delivery?: string;
        secret?: string;
        payload?: string;
      } = {},
    ) => {
      const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
      const delivery = options.delivery ?? randomUUID();
      const payload = options.payload ?? body;
      return request(backend.server)
        .post('/api/alerts/webhooks/jenkins')
        .set('content-type', 'application/json')
        .set('x-portal-timestamp', ts)
        .set('x-portal-delivery', delivery)
        .set(
          'x-portal-signature',
          signWebhook(options.secret ?? SECRET, ts, delivery, payload),
        )
        .send(payload);
    };

    it('refuses an unsigned post', async () => {
      const res = await request(backend.server)
        .post('/api/alerts/webhooks/jenkins')
        .set('content-type', 'application/json')
        .send(body);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/Unsigned webhook post/);
    });

    it('refuses a wrong signature and a tampered body', async () => {
      expect((await signed({ secret: 'wrong' })).status).toBe(401);
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await request(backend.server)
        .post('/api/alerts/webhooks/jenkins')
        .set('content-type', 'application/json')
        .set('x-portal-timestamp', ts)
        .set('x-portal-delivery', 'delivery-tampered')
        .set(
          'x-portal-signature',
          signWebhook(SECRET, ts, 'delivery-tampered', body),
        )
        .send(body.replace('FAILURE', 'SUCCESS'));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/signature does not match/);
    });

    it('refuses a replay: an old timestamp, or the same delivery id again', async () => {
      const old = await signed({ ts: Math.floor(Date.now() / 1000) - 3600 });
      expect(old.status).toBe(401);
      expect(old.body.error.message).toMatch(/possible replay/);

      const delivery = randomUUID();
      const payload = body.replace('42', '43');
      expect((await signed({ delivery, payload })).status).toBe(202);
      const again = await signed({ delivery, payload });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/received before/);
    });

    it('turns a signed build result into an alert for the job owners', async () => {
      const res = await signed({ payload: body.replace('42', '44') });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        id: 'pipeline.build:shop/shop-backend#44',
        status: 'sent',
      });
      const post = await waitFor(() => slackPosts()[0], 'a Slack post');
      expect((post.body as any).channel).toBe('#dev-alerts');
      expect((post.body as any).text).toBe(
        'Build failed: shop/shop-backend #44',
      );
      // The same build posted again (a new delivery) is not sent twice.
      const again = await signed({ payload: body.replace('42', '44') });
      expect(again.body.status).toBe('duplicate');
    });
  });
});
