/*
 * Each recipient's language, end to end through a real backend: the
 * user-settings plugin (where the app stores a user's choice) with its
 * languages module, the alerts and notifications plugins and the Slack and
 * KakaoTalk modules, delivering into the sandbox's stand-ins.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import userSettingsPlugin from '@backstage/plugin-user-settings-backend';
import { AlertEvent } from '@internal/plugin-alerts-node';
import languagesModule from '@internal/plugin-user-settings-backend-module-languages';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useAlertsBackend, waitFor } from './__testUtils__/alertsBackend';
import {
  GROUP_KAKAO_UUID,
  MINSU_KAKAO_UUID,
  SORA_KAKAO_UUID,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const SORA = 'user:default/sora.lee';
const MINSU = 'user:default/minsu.park';

const event: AlertEvent = {
  type: 'uptime.below-slo',
  service: 'shop-backend',
  window: '30d',
  availability: 0.991,
  slo: 0.999,
  entityRef: 'component:default/shop-backend',
};
const EN_TITLE = 'Availability below SLO: shop-backend';
const KO_TITLE = '가용성 SLO 미달: shop-backend';

describe("alerts in each recipient's language", () => {
  const backend = useAlertsBackend({
    features: [userSettingsPlugin, languagesModule],
    alerts: {
      // The team's Slack channel reads English, its KakaoTalk group Korean.
      groups: {
        developers: { slackLanguage: 'en', kakaoLanguage: 'ko' },
      },
    },
  });

  beforeAll(async () => {
    // sora.lee picks 한국어 in Settings (what UserSettingsStorage sends);
    // minsu.park never chose a language.
    const chosen = await request(backend.server)
      .put('/api/user-settings/buckets/default.i18n/keys/language')
      .set('authorization', mockCredentials.user.header(SORA))
      .send({ value: 'ko' });
    if (chosen.status !== 200) {
      throw new Error(`choosing a language answered ${chosen.status}`);
    }
  });

  const inbox = async (user: string) => {
    const res = await request(backend.server)
      .get('/api/notifications/notifications')
      .set('authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return (res.body.notifications as any[]).map(n => n.payload.title);
  };

  it('gives an English and a Korean user of one team the same alert, each in their language', async () => {
    const res = await request(backend.server)
      .post('/api/alerts/events')
      .set('authorization', mockCredentials.service.header())
      .send({ ...event, id: `lang-${randomUUID()}` });
    expect(res.body.status).toBe('sent');

    // In the portal: one copy each, in their language only.
    expect(await inbox(SORA)).toEqual([KO_TITLE]);
    expect(await inbox(MINSU)).toEqual([EN_TITLE]);

    // Slack: the team channel once, in its language.
    const posts = await waitFor(() => {
      const p = backend.chat.slack.recorder.requests.filter(
        r => r.path === '/api/chat.postMessage' && r.status === 200,
      );
      return p.length ? p : undefined;
    }, 'a Slack post');
    await new Promise(r => setTimeout(r, 300));
    expect(
      backend.chat.slack.recorder.requests.filter(
        r => r.path === '/api/chat.postMessage',
      ),
    ).toHaveLength(1);
    const post = posts[0].body as any;
    expect(post.channel).toBe('#dev-alerts');
    expect(post.text).toBe(EN_TITLE);
    expect(post.blocks[1].elements[0].text).toContain('|Open in portal>');

    // KakaoTalk: the group's receivers in Korean, each user in theirs.
    const byReceiver = await waitFor(() => {
      const calls = backend.chat.kakao.recorder.requests.filter(
        r => r.path.includes('/friends/') && r.status === 200,
      );
      const map = new Map<string, any>();
      for (const call of calls) {
        const template = JSON.parse((call.body as any).template_object);
        for (const uuid of JSON.parse((call.body as any).receiver_uuids)) {
          map.set(uuid, template);
        }
      }
      return map.size >= 3 ? map : undefined;
    }, 'KakaoTalk messages');
    expect([...byReceiver.keys()].sort()).toEqual(
      [GROUP_KAKAO_UUID, MINSU_KAKAO_UUID, SORA_KAKAO_UUID].sort(),
    );
    expect(byReceiver.get(GROUP_KAKAO_UUID).text).toContain(KO_TITLE);
    expect(byReceiver.get(GROUP_KAKAO_UUID).button_title).toBe('포털에서 보기');
    expect(byReceiver.get(SORA_KAKAO_UUID).text).toContain(KO_TITLE);
    expect(byReceiver.get(SORA_KAKAO_UUID).text).toContain('가용성 99.10%');
    expect(byReceiver.get(MINSU_KAKAO_UUID).text).toContain(EN_TITLE);
    expect(byReceiver.get(MINSU_KAKAO_UUID).button_title).toBe(
      'Open in portal',
    );
  });
});
