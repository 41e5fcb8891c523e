import type http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { StandIn } from '../StandIn.ts';
import { listenJson, readBody, safeJson } from '../http.ts';
import { Recorder, retryAfterHeaders } from '../recording.ts';

/** The app's REST API key (client id) and client secret the stand-in accepts. */
export const KAKAO_SANDBOX_CLIENT_ID = 'sandbox-rest-api-key';
export const KAKAO_SANDBOX_CLIENT_SECRET = 'sandbox-client-secret';
/** The refresh token it starts with (app-config.yaml uses it locally). */
export const KAKAO_SANDBOX_REFRESH_TOKEN = 'sandbox-refresh-token';

const MAX_RECEIVERS = 5;
// The default text template's `text` is at most 200 characters.
const MAX_TEMPLATE_TEXT = 200;

const MEMO_PATH = '/v2/api/talk/memo/default/send';
const FRIENDS_PATH = '/v1/api/talk/friends/message/default/send';
const TOKEN_PATH = '/oauth/token';

/**
 * KakaoTalk message API (kapi.kakao.com) and the token endpoint of Kakao
 * Login (kauth.kakao.com) on one port: the portal is given the same base URL
 * for both here, two different hosts in production.
 *
 * Checks what Kakao checks: `Authorization: Bearer` with a live access token
 * (else 401 `{code: -401}`), form-encoded bodies, `template_object` a JSON
 * default text template with `text` (<= 200 chars) and `link`,
 * `receiver_uuids` a JSON array of 1 to 5 (else 400 `{code: -2}`), and the
 * daily quota (400 `{code: -532}` once spent).
 *
 * Control endpoints besides recording.ts's: `POST /_sandbox/expire-tokens`
 * (every access token issued so far expires), `POST /_sandbox/quota
 * {remaining}` (messages left today; friends messages count per receiver),
 * `POST /_sandbox/rotate-refresh-token {rotate: true}` (the next refresh
 * answers a new refresh token and retires the old one, as Kakao does when
 * the old one has less than a month left).
 */
export class KakaoStandIn implements StandIn {
  readonly name = 'kakao' as const;
  readonly description =
    'KakaoTalk message API + kauth token endpoint; GET /_sandbox/requests shows what was sent';
  readonly recorder = new Recorder();
  private accessTokens = new Map<string, number>();
  private refreshTokens = new Set([KAKAO_SANDBOX_REFRESH_TOKEN]);
  private quotaRemaining = Number.POSITIVE_INFINITY;
  private rotateRefreshToken = false;
  private accessTokenLifetimeSeconds = 21599;

  start(options: { host: string; port: number }) {
    return listenJson(
      options,
      (req, res) => this.handle(req, res),
      error => ({ msg: String(error), code: -1 }),
    );
  }

  private control(path: string, body: any): unknown | undefined {
    if (path === '/_sandbox/expire-tokens') {
      for (const token of this.accessTokens.keys()) {
        this.accessTokens.set(token, 0);
      }
      return { ok: true };
    }
    if (path === '/_sandbox/quota') {
      this.quotaRemaining =
        body?.remaining === null || body?.remaining === undefined
          ? Number.POSITIVE_INFINITY
          : Number(body.remaining);
      return { ok: true };
    }
    if (path === '/_sandbox/rotate-refresh-token') {
      this.rotateRefreshToken = body?.rotate !== false;
      return { ok: true };
    }
    if (path === '/_sandbox/token-lifetime') {
      this.accessTokenLifetimeSeconds = Number(body?.seconds ?? 21599);
      return { ok: true };
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (
      await this.recorder.handleControl(req, res, (p, b) => this.control(p, b))
    ) {
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const authorization = req.headers.authorization;
    const form = contentType.startsWith('application/x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(raw))
      : undefined;
    const answer = this.recorder.answerer(req, res, path, form ?? raw);

    if (
      req.method !== 'POST' ||
      ![MEMO_PATH, FRIENDS_PATH, TOKEN_PATH].includes(path)
    ) {
      answer(404, { msg: `no such API: ${req.method} ${path}`, code: -1 });
      return;
    }
    const failure = this.recorder.takeFailure(path);
    if (failure) {
      answer(
        failure.status,
        { msg: 'sandbox: failure on demand', code: -1 },
        retryAfterHeaders(failure),
      );
      return;
    }
    if (!form) {
      answer(400, {
        msg: 'Content-Type must be application/x-www-form-urlencoded',
        code: -2,
      });
      return;
    }
    if (path === TOKEN_PATH) {
      this.refresh(form, answer);
      return;
    }

    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : undefined;
    const expiresAt = token ? this.accessTokens.get(token) : undefined;
    if (!token || expiresAt === undefined) {
      answer(401, { msg: 'this access token does not exist', code: -401 });
      return;
    }
    if (expiresAt <= Date.now()) {
      answer(401, { msg: 'this access token is already expired', code: -401 });
      return;
    }
    const template = form.template_object
      ? safeJson(form.template_object)
      : undefined;
    if (!template || typeof template !== 'object') {
      answer(400, {
        msg: 'template_object is required and must be a JSON object',
        code: -2,
      });
      return;
    }
    if (template.object_type !== 'text') {
      answer(400, { msg: 'object_type must be text', code: -2 });
      return;
    }
    if (typeof template.text !== 'string' || template.text.length === 0) {
      answer(400, { msg: 'text is required', code: -2 });
      return;
    }
    if (template.text.length > MAX_TEMPLATE_TEXT) {
      answer(400, {
        msg: `text must be at most ${MAX_TEMPLATE_TEXT} characters`,
        code: -2,
      });
      return;
    }
    if (!template.link || typeof template.link !== 'object') {
      answer(400, { msg: 'link is required', code: -2 });
      return;
    }

    if (path === MEMO_PATH) {
      if (this.quotaRemaining < 1) {
        answer(400, { msg: 'daily quota exceeded', code: -532 });
        return;
      }
      this.quotaRemaining -= 1;
      answer(200, { result_code: 0 });
      return;
    }

    const receivers = form.receiver_uuids
      ? safeJson(form.receiver_uuids)
      : undefined;
    if (
      !Array.isArray(receivers) ||
      receivers.length < 1 ||
      receivers.some(r => typeof r !== 'string')
    ) {
      answer(400, {
        msg: 'receiver_uuids must be a JSON array of uuid strings',
        code: -2,
      });
      return;
    }
    if (receivers.length > MAX_RECEIVERS) {
      answer(400, {
        msg: `receiver_uuids's size must be between 1 and ${MAX_RECEIVERS}`,
        code: -2,
      });
      return;
    }
    if (this.quotaRemaining < receivers.length) {
      answer(400, {
        msg: 'the daily quota of messages this app may send is exceeded',
        code: -532,
      });
      return;
    }
    this.quotaRemaining -= receivers.length;
    answer(200, { successful_receiver_uuids: receivers });
  }

  private refresh(
    form: Record<string, string>,
    answer: (status: number, body: unknown) => void,
  ) {
    /** Kakao's OAuth error body: the OAuth error, its description and Kakao's KOE code. */
    const refuse = (
      status: number,
      error: string,
      description: string,
      code: string,
    ) =>
      answer(status, {
        error,
        error_description: description,
        error_code: code,
      });
    if (form.grant_type !== 'refresh_token') {
      refuse(
        400,
        'unsupported_grant_type',
        `grant_type ${form.grant_type} is not supported here`,
        'KOE310',
      );
      return;
    }
    if (form.client_id !== KAKAO_SANDBOX_CLIENT_ID) {
      refuse(401, 'invalid_client', 'Not exist client_id', 'KOE101');
      return;
    }
    if (form.client_secret !== KAKAO_SANDBOX_CLIENT_SECRET) {
      refuse(401, 'invalid_client', 'Bad client credentials', 'KOE010');
      return;
    }
    if (!form.refresh_token || !this.refreshTokens.has(form.refresh_token)) {
      refuse(
        400,
        'invalid_grant',
        `authorization code not found for code=${form.refresh_token}`,
        'KOE322',
      );
      return;
    }
    const accessToken = randomBytes(24).toString('base64url');
    this.accessTokens.set(
      accessToken,
      Date.now() + this.accessTokenLifetimeSeconds * 1000,
    );
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: this.accessTokenLifetimeSeconds,
    };
    if (this.rotateRefreshToken) {
      const refreshToken = randomBytes(24).toString('base64url');
      this.refreshTokens.delete(form.refresh_token);
      this.refreshTokens.add(refreshToken);
      this.rotateRefreshToken = false;
      body.refresh_token = refreshToken;
      body.refresh_token_expires_in = 5183999;
    }
    answer(200, body);
  }
}

/**
 * The stand-in as `./portal start` and the tests create it; `recorder`
 * holds what it received.
 */
export function kakaoStandIn(): KakaoStandIn {
  return new KakaoStandIn();
}
