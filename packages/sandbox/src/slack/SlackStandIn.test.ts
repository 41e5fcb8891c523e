import { runDuringTests } from '../testing';
import { slackStandIn, SLACK_SANDBOX_TOKEN } from './SlackStandIn';

describe('SlackStandIn', () => {
  const slack = runDuringTests(slackStandIn());
  beforeEach(() =>
    fetch(`${slack.url}/_sandbox/requests`, { method: 'DELETE' }),
  );

  const post = (
    body: unknown,
    token: string | undefined = SLACK_SANDBOX_TOKEN,
  ) =>
    fetch(`${slack.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('accepts a valid message and records it', async () => {
    const res = await post({ channel: '#dev-alerts', text: 'hello' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      ts: expect.any(String),
    });
    const recorded = await (
      await fetch(`${slack.url}/_sandbox/requests`)
    ).json();
    expect(recorded).toEqual([
      expect.objectContaining({
        path: '/api/chat.postMessage',
        body: { channel: '#dev-alerts', text: 'hello' },
        headers: {
          authorization: `Bearer ${SLACK_SANDBOX_TOKEN}`,
          contentType: 'application/json; charset=utf-8',
        },
      }),
    ]);
  });

  it.each([
    [{ channel: '#a', text: 'x' }, '', 'not_authed'],
    [{ channel: '#a', text: 'x' }, 'xoxb-wrong', 'invalid_auth'],
    [{ text: 'x' }, SLACK_SANDBOX_TOKEN, 'channel_not_found'],
    [{ channel: '#a' }, SLACK_SANDBOX_TOKEN, 'no_text'],
    [
      { channel: '#a', text: 'x'.repeat(40_001) },
      SLACK_SANDBOX_TOKEN,
      'msg_too_long',
    ],
    [
      { channel: '#a', blocks: Array(51).fill({ type: 'divider' }) },
      SLACK_SANDBOX_TOKEN,
      'invalid_blocks',
    ],
    [
      {
        channel: '#a',
        blocks: [
          {
            type: 'header',
            text: { type: 'plain_text', text: 'x'.repeat(151) },
          },
        ],
      },
      SLACK_SANDBOX_TOKEN,
      'invalid_blocks',
    ],
  ])('refuses %j (token %s) with %s', async (body, token, error) => {
    const res = await post(body, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error });
  });

  it('answers 429 with Retry-After, then 503, on demand', async () => {
    await fetch(`${slack.url}/_sandbox/fail`, {
      method: 'POST',
      body: JSON.stringify({ status: 429, retryAfter: 2 }),
    });
    await fetch(`${slack.url}/_sandbox/fail`, {
      method: 'POST',
      body: JSON.stringify({ status: 503 }),
    });
    const first = await post({ channel: '#a', text: 'x' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await post({ channel: '#a', text: 'x' })).status).toBe(503);
    expect((await post({ channel: '#a', text: 'x' })).status).toBe(200);
  });
});
