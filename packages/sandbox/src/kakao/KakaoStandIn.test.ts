import { runDuringTests } from '../testing';
import {
  kakaoStandIn,
  KAKAO_SANDBOX_CLIENT_ID,
  KAKAO_SANDBOX_CLIENT_SECRET,
  KAKAO_SANDBOX_REFRESH_TOKEN,
} from './KakaoStandIn';

describe('KakaoStandIn', () => {
  const kakao = runDuringTests(kakaoStandIn());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const control = (path: string, body: unknown) =>
    fetch(`${kakao.url}/_sandbox/${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  const token = async (refreshToken = KAKAO_SANDBOX_REFRESH_TOKEN) => {
    const res = await fetch(`${kakao.url}/oauth/token`, {
      method: 'POST',
      body: form({
        grant_type: 'refresh_token',
        client_id: KAKAO_SANDBOX_CLIENT_ID,
        client_secret: KAKAO_SANDBOX_CLIENT_SECRET,
        refresh_token: refreshToken,
      }),
    });
    return { status: res.status, body: await res.json() };
  };
  const template = JSON.stringify({
    object_type: 'text',
    text: '빌드 실패: shop-backend #42',
    link: {
      web_url: 'http://localhost:3000',
      mobile_web_url: 'http://localhost:3000',
    },
  });
  const sendFriends = (accessToken: string, receivers: string[]) =>
    fetch(`${kakao.url}/v1/api/talk/friends/message/default/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: form({
        receiver_uuids: JSON.stringify(receivers),
        template_object: template,
      }),
    });

  it('issues access tokens for a refresh token and sends to at most 5 friends', async () => {
    const { status, body } = await token();
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 21599 });
    const ok = await sendFriends(body.access_token, ['a', 'b', 'c', 'd', 'e']);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      successful_receiver_uuids: ['a', 'b', 'c', 'd', 'e'],
    });
    const tooMany = await sendFriends(body.access_token, [
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ code: -2 });
  });

  it('refuses unknown and expired tokens with -401', async () => {
    const unknown = await sendFriends('nope', ['a']);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: -401 });
    const { body } = await token();
    await control('expire-tokens', {});
    const expired = await sendFriends(body.access_token, ['a']);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      msg: 'this access token is already expired',
      code: -401,
    });
  });

  it('refuses a bad template and a wrong content type', async () => {
    const { body } = await token();
    const bad = await fetch(`${kakao.url}/v2/api/talk/memo/default/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${body.access_token}` },
      body: form({ template_object: '{"object_type":"text"}' }),
    });
    expect(bad.status).toBe(400);
    const json = await fetch(`${kakao.url}/v2/api/talk/memo/default/send`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${body.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ template_object: template }),
    });
    expect(json.status).toBe(400);
  });

  it('answers -532 once the daily quota is spent', async () => {
    const { body } = await token();
    await control('quota', { remaining: 2 });
    expect((await sendFriends(body.access_token, ['a', 'b'])).status).toBe(200);
    const over = await sendFriends(body.access_token, ['c']);
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ code: -532 });
    await control('quota', { remaining: null });
  });

  it('rotates the refresh token on demand and retires the old one', async () => {
    await control('rotate-refresh-token', { rotate: true });
    const { body } = await token();
    expect(body.refresh_token).toEqual(expect.any(String));
    expect((await token()).body).toMatchObject({ error: 'invalid_grant' });
    expect((await token(body.refresh_token)).status).toBe(200);
  });
});
