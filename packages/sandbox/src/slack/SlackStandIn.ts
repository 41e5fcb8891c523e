import type http from 'node:http';
import type { StandIn } from '../StandIn.ts';
import { listenJson, readBody, safeJson } from '../http.ts';
import { Recorder, retryAfterHeaders } from '../recording.ts';

/** The bot token the stand-in accepts (app-config.yaml uses it locally). */
export const SLACK_SANDBOX_TOKEN = 'xoxb-sandbox-token';

// Slack's documented limits for chat.postMessage and Block Kit.
const MAX_TEXT = 40_000;
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const BLOCK_TYPES = new Set([
  'section',
  'header',
  'context',
  'divider',
  'actions',
  'image',
  'rich_text',
]);

/**
 * Checks a Block Kit array the way Slack does; returns Slack's error code
 * (`invalid_blocks`) with a reason, or undefined when it is fine.
 */
function checkBlocks(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > MAX_BLOCKS) return `more than ${MAX_BLOCKS} blocks`;
  for (const [i, block] of blocks.entries()) {
    if (!block || typeof block !== 'object' || !BLOCK_TYPES.has(block.type)) {
      return `block ${i}: unknown type`;
    }
    if (block.type === 'header') {
      if (block.text?.type !== 'plain_text') {
        return `block ${i}: header text must be plain_text`;
      }
      if (String(block.text.text ?? '').length > MAX_HEADER_TEXT) {
        return `block ${i}: header text longer than ${MAX_HEADER_TEXT}`;
      }
    }
    if (block.type === 'section') {
      if (!block.text && !block.fields) {
        return `block ${i}: section needs text or fields`;
      }
      if (String(block.text?.text ?? '').length > MAX_SECTION_TEXT) {
        return `block ${i}: section text longer than ${MAX_SECTION_TEXT}`;
      }
    }
  }
  return undefined;
}

const CHANNEL = /^(#[a-z0-9_-]{1,80}|[CGDU][A-Z0-9]{8,})$/;

/**
 * Slack Web API `chat.postMessage` (https://api.slack.com/methods/chat.postMessage)
 * under `/api/`, as the real `https://slack.com/api/` answers it: HTTP 200
 * with `{ok: false, error}` for request errors, 429 with `Retry-After` when
 * rate limited (on demand, see recording.ts).
 */
export class SlackStandIn implements StandIn {
  readonly name = 'slack' as const;
  readonly description =
    'Slack Web API chat.postMessage (bot token xoxb-sandbox-token); GET /_sandbox/requests shows what was posted';
  readonly recorder = new Recorder();
  private seq = 0;

  start(options: { host: string; port: number }) {
    return listenJson(
      options,
      (req, res) => this.handle(req, res),
      error => ({ ok: false, error: String(error) }),
    );
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.recorder.handleControl(req, res)) {
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const authorization = req.headers.authorization;
    let body: any;
    if (contentType.startsWith('application/json')) {
      body = safeJson(raw);
    } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(raw));
      if (typeof body.blocks === 'string') body.blocks = safeJson(body.blocks);
    }
    const answer = this.recorder.answerer(req, res, path, body ?? raw);

    if (req.method !== 'POST' || path !== '/api/chat.postMessage') {
      answer(404, { ok: false, error: 'unknown_method' });
      return;
    }
    const failure = this.recorder.takeFailure(path);
    if (failure) {
      answer(
        failure.status,
        failure.status === 429
          ? { ok: false, error: 'ratelimited' }
          : { ok: false, error: 'internal_error' },
        retryAfterHeaders(failure),
      );
      return;
    }
    if (body === undefined) {
      answer(200, {
        ok: false,
        error: contentType.startsWith('application/json')
          ? 'invalid_json'
          : 'invalid_form_data',
      });
      return;
    }
    // JSON bodies must carry the token in the header; forms may carry it as a field.
    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : body.token;
    if (!token) {
      answer(200, { ok: false, error: 'not_authed' });
      return;
    }
    if (token !== SLACK_SANDBOX_TOKEN) {
      answer(200, { ok: false, error: 'invalid_auth' });
      return;
    }
    if (!body.channel || !CHANNEL.test(String(body.channel))) {
      answer(200, { ok: false, error: 'channel_not_found' });
      return;
    }
    if (!body.text && !body.blocks) {
      answer(200, { ok: false, error: 'no_text' });
      return;
    }
    if (body.text && String(body.text).length > MAX_TEXT) {
      answer(200, { ok: false, error: 'msg_too_long' });
      return;
    }
    if (body.blocks !== undefined) {
      const problem = checkBlocks(body.blocks);
      if (problem) {
        answer(200, {
          ok: false,
          error: 'invalid_blocks',
          errors: [problem],
        });
        return;
      }
    }
    this.seq += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(
      6,
      '0',
    )}`;
    answer(200, {
      ok: true,
      channel: String(body.channel).replace(/^#/, 'C'),
      ts,
      message: { type: 'message', text: body.text, ts },
    });
  }
}

/**
 * The stand-in as `./portal start` and the tests create it; `recorder`
 * holds what it received.
 */
export function slackStandIn(): SlackStandIn {
  return new SlackStandIn();
}
