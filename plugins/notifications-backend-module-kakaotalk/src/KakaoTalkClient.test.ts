import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Sandbox } from '@internal/sandbox';
import {
  kakaoStandIn,
  KAKAO_SANDBOX_CLIENT_ID,
  KAKAO_SANDBOX_CLIENT_SECRET,
  KAKAO_SANDBOX_REFRESH_TOKEN,
} from '@internal/sandbox/kakao';
import { KakaoTalkClient, KakaoQuotaExceededError } from './KakaoTalkClient';
import { KakaoTalkStore } from './database/KakaoTalkStore';

const template = {
  object_type: 'text' as const,
  text: 'Build failed: shop #1',
  link: {
    web_url: 'http://portal.test/',
    mobile_web_url: 'http://portal.test/',
  },
};

describe('KakaoTalkClient', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const standIn = kakaoStandIn();
  const sandbox = new Sandbox([standIn]);
  let url: string;

  beforeAll(async () => {
    url = (await sandbox.start(0)).standIns[0].url;
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    standIn.recorder.requests.length = 0;
  });

  const control = (path: string, body: object = {}) =>
    fetch(`${url}/_sandbox/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });

  async function make() {
    const knex = await databases.init('SQLITE_3');
    const store = await KakaoTalkStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    const client = () =>
      new KakaoTalkClient(
        {
          apiBaseUrl: url,
          authBaseUrl: url,
          clientId: KAKAO_SANDBOX_CLIENT_ID,
          clientSecret: KAKAO_SANDBOX_CLIENT_SECRET,
          refreshToken: KAKAO_SANDBOX_REFRESH_TOKEN,
          retry: { initialDelayMs: 5, maxAttempts: 3 },
        },
        { store, logger: mockServices.logger.mock() },
      );
    return { store, client };
  }

  it('sends to 12 friends in calls of at most 5', async () => {
    const { client } = await make();
    const uuids = Array.from({ length: 12 }, (_, i) => `u${i}`);
    expect(await client().sendToFriends(uuids, template)).toEqual(uuids);
    const calls = standIn.recorder.requests.filter(r =>
      r.path.includes('friends'),
    );
    expect(
      calls.map(c => JSON.parse((c.body as any).receiver_uuids).length),
    ).toEqual([5, 5, 2]);
    expect(calls.every(c => c.status === 200)).toBe(true);
  });

  it('gives up after the bound on 5xx, and stops for the day on a quota error', async () => {
    const { client } = await make();
    const c = client();
    await control('fail', { status: 503, times: 3 });
    await expect(c.sendToMe(template)).rejects.toMatchObject({
      attempts: 3,
      status: 503,
    });

    await control('quota', { remaining: 0 });
    const quota = await c.sendToFriends(['a'], template).catch(e => e);
    expect(quota).toBeInstanceOf(KakaoQuotaExceededError);
    const before = standIn.recorder.requests.length;
    await expect(c.sendToFriends(['b'], template)).rejects.toThrow(
      /paused until/,
    );
    expect(standIn.recorder.requests.length).toBe(before); // not even tried
    await control('quota', { remaining: null });
  });

  // Last: it retires the configured refresh token in the stand-in.
  it('keeps the refresh token Kakao rotates, across restarts', async () => {
    const { client } = await make();
    await control('rotate-refresh-token', { rotate: true });
    await client().sendToMe(template);
    // The configured token is retired now; a new client (a restart) must use the stored one.
    await client().sendToMe(template);
    const refreshes = standIn.recorder.requests.filter(
      r => r.path === '/oauth/token',
    );
    expect(refreshes.map(r => r.status)).toEqual([200, 200]);
    expect((refreshes[1].body as any).refresh_token).not.toBe(
      KAKAO_SANDBOX_REFRESH_TOKEN,
    );
    await control('rotate-refresh-token', { rotate: false });
  });
});
